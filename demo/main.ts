import '../src/index.js';
import { loadSampleShop } from './sample-shop.js';
import { LANGUAGES, LANGUAGE_NAMES, defineMessages, languageOf, translate, type Language } from '../src/components/base/i18n.js';
import { formats } from '../src/components/format.js';

// The page's own words (the dashboard has its own): its title, introduction and pickers.
const pageText = defineMessages(
  {
    title: 'Rapport — customer analytics in your browser',
    intro:
      'Who are your customers? Drop an order export below — CSV, TSV, Parquet, Arrow or JSON — and see what was loaded, what was rejected and why, and every customer. Drop a customer list or a feedback file (NPS, reviews, surveys) with it to see the whole ladder of loyalty. Nothing leaves this page: the analysis runs in your browser.',
    sample:
      'Showing a generated sample shop ({customers} customers and {prospects} prospects, 2023–2024, with their feedback and a service-quality survey) until you load your own file.',
    settings: 'Page settings',
    language: 'Language',
    theme: 'Theme',
    'theme.auto': 'Automatic (system)',
    'theme.light': 'Light',
    'theme.dark': 'Dark',
  },
  {
    pt: {
      title: 'Rapport — análise de clientes no seu navegador',
      intro:
        'Quem são os seus clientes? Arraste para a zona abaixo uma exportação de encomendas — CSV, TSV, Parquet, Arrow ou JSON — e veja o que foi carregado, o que foi rejeitado e porquê, e cada cliente. Junte-lhe uma lista de clientes ou um ficheiro de opiniões (NPS, avaliações, inquéritos) para ver toda a escada da fidelização. Nada sai desta página: a análise corre no seu navegador.',
      sample:
        'Exemplo em exibição: uma loja gerada ({customers} clientes e {prospects} potenciais clientes, 2023–2024, com as suas opiniões e um questionário de qualidade do serviço), até carregar o seu próprio ficheiro.',
      settings: 'Opções da página',
      language: 'Idioma',
      theme: 'Tema',
      'theme.auto': 'Automático (sistema)',
      'theme.light': 'Claro',
      'theme.dark': 'Escuro',
    },
    es: {
      title: 'Rapport — análisis de clientes en su navegador',
      intro:
        '¿Quiénes son sus clientes? Arrastre abajo una exportación de pedidos — CSV, TSV, Parquet, Arrow o JSON — y vea qué se cargó, qué se rechazó y por qué, y a cada cliente. Añada una lista de clientes o un archivo de opiniones (NPS, reseñas, encuestas) para ver toda la escalera de fidelización. Nada sale de esta página: el análisis se hace en su navegador.',
      sample:
        'Se muestra una tienda de ejemplo generada ({customers} clientes y {prospects} clientes potenciales, 2023–2024, con sus opiniones y una encuesta de calidad del servicio) hasta que cargue su propio archivo.',
      settings: 'Opciones de la página',
      language: 'Idioma',
      theme: 'Tema',
      'theme.auto': 'Automático (sistema)',
      'theme.light': 'Claro',
      'theme.dark': 'Oscuro',
    },
    fr: {
      title: 'Rapport — l’analyse client dans votre navigateur',
      intro:
        'Qui sont vos clients\u00a0? Déposez ci-dessous un export de commandes — CSV, TSV, Parquet, Arrow ou JSON — et voyez ce qui a été chargé, ce qui a été rejeté et pourquoi, et chaque client. Ajoutez-y une liste de clients ou un fichier d’avis (NPS, notes, enquêtes) pour voir toute l’échelle de fidélité. Rien ne quitte cette page\u00a0: l’analyse se fait dans votre navigateur.',
      sample:
        'Voici une boutique d’exemple générée ({customers} clients et {prospects} prospects, 2023–2024, avec leurs avis et une enquête sur la qualité de service), en attendant que vous chargiez votre propre fichier.',
      settings: 'Réglages de la page',
      language: 'Langue',
      theme: 'Thème',
      'theme.auto': 'Automatique (système)',
      'theme.light': 'Clair',
      'theme.dark': 'Sombre',
    },
    ms: {
      title: 'Rapport — analitik pelanggan dalam pelayar anda',
      intro:
        'Siapakah pelanggan anda? Lepaskan eksport pesanan di bawah — CSV, TSV, Parquet, Arrow atau JSON — dan lihat apa yang dimuatkan, apa yang ditolak dan sebabnya, serta setiap pelanggan. Sertakan senarai pelanggan atau fail maklum balas (NPS, ulasan, tinjauan) untuk melihat seluruh tangga kesetiaan. Tiada apa-apa yang meninggalkan halaman ini: analisis dijalankan dalam pelayar anda.',
      sample:
        'Memaparkan kedai contoh yang dijana ({customers} pelanggan dan {prospects} prospek, 2023–2024, dengan maklum balas mereka dan satu tinjauan kualiti perkhidmatan) sehingga anda memuatkan fail anda sendiri.',
      settings: 'Tetapan halaman',
      language: 'Bahasa',
      theme: 'Tema',
      'theme.auto': 'Automatik (sistem)',
      'theme.light': 'Cerah',
      'theme.dark': 'Gelap',
    },
  },
);
type PageKey = keyof (typeof pageText)['en'];

const THEMES = ['auto', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const dashboard = document.querySelector('rapport-dashboard');
const languagePicker = document.querySelector<HTMLSelectElement>('#language-picker');
const themePicker = document.querySelector<HTMLSelectElement>('#theme-picker');

/** Put the page's and the dashboard's language (and the dashboard's every element with it). */
function speak(lang: Language) {
  document.documentElement.lang = lang;
  dashboard?.setAttribute('lang', lang);
  const t = (key: PageKey) => translate(pageText, lang, key, { customers: formats(lang).integer(2500), prospects: formats(lang).integer(500) });
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = t(el.dataset.text as PageKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-text-label]')) el.setAttribute('aria-label', t(el.dataset.textLabel as PageKey));
  if (languagePicker) languagePicker.value = lang;
}

/** `auto` follows the system; `light` and `dark` fix the page's and the dashboard's scheme. */
function paint(theme: Theme) {
  // The dashboard's `theme` takes `light` or `dark`; without it, it follows the system.
  if (theme === 'auto') {
    dashboard?.removeAttribute('theme');
    delete document.documentElement.dataset.theme;
  } else {
    dashboard?.setAttribute('theme', theme);
    document.documentElement.dataset.theme = theme;
  }
  if (themePicker) themePicker.value = theme;
}

/** The choices live in the address (`?lang=pt&theme=dark`), so a reload or a shared link keeps them. */
function remember(name: 'lang' | 'theme', value: string) {
  const url = new URL(location.href);
  url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

const params = new URLSearchParams(location.search);
const askedLang = params.get('lang') ?? navigator.language;
const theme = (THEMES as readonly string[]).includes(params.get('theme') ?? '') ? (params.get('theme') as Theme) : 'auto';

if (languagePicker) {
  for (const lang of LANGUAGES) {
    // Each language named in itself, and marked as such for screen readers.
    const option = new Option(LANGUAGE_NAMES[lang], lang);
    option.lang = lang;
    languagePicker.append(option);
  }
  languagePicker.addEventListener('change', () => {
    const lang = languageOf(languagePicker.value);
    speak(lang);
    remember('lang', lang);
  });
}
themePicker?.addEventListener('change', () => {
  const chosen = themePicker.value as Theme;
  paint(chosen);
  remember('theme', chosen);
});
speak(languageOf(askedLang));
paint(theme);

// The analyst page opens on the files the analyst loaded last time, kept in this browser until
// "Forget data"; else on the generated sample shop (its customer list with prospects, its
// feedback, its SERVQUAL survey and its orders), which is not kept. Dropping a file replaces the
// part it is, and is kept.
if (dashboard) {
  void customElements.whenDefined('rapport-dashboard').then(async () => {
    if ((await dashboard.keptFileNames()).length === 0) await loadSampleShop(dashboard);
    dashboard.storage = 'browser';
  });
}
