import { defineMessages } from '../base/i18n.js';

/**
 * The migration element's words. Dates and counts come pre-formatted (`{from}`, `{count}`...);
 * `n` only chooses the plural form. `{from}` / `{to}` are dates in the title, note and caption,
 * and segment names in the cell sentences.
 */
export const messages = defineMessages(
  {
    'empty.no-data': 'No segment migration to show yet.',
    'empty.no-orders': 'No orders, so no segment migration to show.',
    title: 'From {from} to {to}',
    note: 'Rows: segment on {from}; columns: segment on {to}. Darker cells hold more customers; the dashed diagonal is customers who stayed. Arrow keys move between cells, Enter selects.',
    cell: { one: '{from} → {to}: {count} customer', other: '{from} → {to}: {count} customers' },
    'tip.share': '{share} of {from}',
    'tip.stayed': '{share} of {from} (stayed)',
    total: 'Total',
    caption: 'Customers by segment on {from} (rows) and on {to} (columns)',
    corner: 'From \\ To',
  },
  {
    pt: {
      'empty.no-data': 'Ainda não há migração de segmentos para mostrar.',
      'empty.no-orders': 'Sem encomendas, não há migração de segmentos para mostrar.',
      title: 'De {from} a {to}',
      note: 'Linhas: segmento em {from}; colunas: segmento em {to}. As células mais escuras têm mais clientes; a diagonal tracejada são os clientes que ficaram. As setas movem entre as células; Enter seleciona.',
      cell: { one: '{from} → {to}: {count} cliente', other: '{from} → {to}: {count} clientes' },
      'tip.share': '{share} de {from}',
      'tip.stayed': '{share} de {from} (ficaram)',
      total: 'Total',
      caption: 'Clientes por segmento em {from} (linhas) e em {to} (colunas)',
      corner: 'De \\ Para',
    },
    es: {
      'empty.no-data': 'Aún no hay migración de segmentos que mostrar.',
      'empty.no-orders': 'Sin pedidos no hay migración de segmentos que mostrar.',
      title: 'Del {from} al {to}',
      note: 'Filas: segmento el {from}; columnas: segmento el {to}. Las celdas más oscuras tienen más clientes; la diagonal discontinua son los clientes que se quedaron. Las flechas mueven entre las celdas; Intro selecciona.',
      cell: { one: '{from} → {to}: {count} cliente', other: '{from} → {to}: {count} clientes' },
      'tip.share': '{share} de {from}',
      'tip.stayed': '{share} de {from} (se quedaron)',
      total: 'Total',
      caption: 'Clientes por segmento el {from} (filas) y el {to} (columnas)',
      corner: 'De \\ A',
    },
    fr: {
      'empty.no-data': 'Pas encore de migration de segments à afficher.',
      'empty.no-orders': 'Aucune commande, donc aucune migration de segments à afficher.',
      title: 'Du {from} au {to}',
      note: 'Lignes : segment au {from} ; colonnes : segment au {to}. Plus une cellule est foncée, plus elle compte de clients ; la diagonale en pointillés montre les clients restés dans leur segment. Les flèches passent d’une cellule à l’autre ; Entrée sélectionne.',
      cell: { one: '{from} → {to} : {count} client', other: '{from} → {to} : {count} clients' },
      'tip.share': '{share} de {from}',
      'tip.stayed': '{share} de {from} (restés)',
      total: 'Total',
      caption: 'Clients par segment au {from} (lignes) et au {to} (colonnes)',
      corner: 'De \\ Vers',
    },
    ms: {
      'empty.no-data': 'Belum ada penghijrahan segmen untuk ditunjukkan.',
      'empty.no-orders': 'Tiada pesanan, jadi tiada penghijrahan segmen untuk ditunjukkan.',
      title: 'Dari {from} hingga {to}',
      note: 'Baris: segmen pada {from}; lajur: segmen pada {to}. Sel yang lebih gelap mempunyai lebih ramai pelanggan; pepenjuru bergaris putus ialah pelanggan yang kekal. Kekunci anak panah bergerak antara sel, Enter memilih.',
      cell: { other: '{from} → {to}: {count} pelanggan' },
      'tip.share': '{share} daripada {from}',
      'tip.stayed': '{share} daripada {from} (kekal)',
      total: 'Jumlah',
      caption: 'Pelanggan mengikut segmen pada {from} (baris) dan pada {to} (lajur)',
      corner: 'Dari \\ Ke',
    },
  },
);
