import type { CustomerRole, FeedbackRole, OrderRole } from './types.js';
import { normaliseHeader } from './header-normalise.js';

export { normaliseHeader };

/**
 * Header names that say which canonical role a column plays, in English, Portuguese, Spanish,
 * French and Malay, normalised (lower case, no accents, words separated by single spaces).
 * Within a role, earlier phrases win ties: `customer unique id` (the person, in Olist) beats
 * `customer id` (the order's customer record).
 */
export const HEADER_PHRASES: Record<OrderRole, readonly string[]> = {
  customer_id: [
    'customer unique id', 'customer id', 'customer', 'customer no', 'customer number', 'customer code',
    'customer key', 'cust id', 'client id', 'client', 'client no', 'buyer id', 'buyer', 'user id',
    'member id', 'account id', 'shopper id', 'contact id',
    'cliente', 'id cliente', 'id do cliente', 'codigo cliente', 'cod cliente', 'codigo do cliente',
    'numero cliente', 'id de cliente', 'codigo de cliente', 'numero de cliente',
    'identifiant client', 'numero client', 'num client', 'code client', 'no client',
    'pelanggan', 'id pelanggan', 'no pelanggan', 'kod pelanggan', 'nombor pelanggan',
    'customer email', 'email', 'e mail',
  ],
  order_id: [
    'invoice no', 'invoice', 'invoice number', 'invoice id', 'order id', 'order no', 'order number',
    'order', 'order ref', 'transaction id', 'transaction', 'receipt', 'receipt no', 'ticket',
    'bill no', 'document no', 'sales order',
    'fatura', 'numero fatura', 'numero da fatura', 'nota fiscal', 'pedido', 'id pedido', 'numero pedido',
    'numero do pedido', 'factura', 'numero factura', 'no factura', 'numero de factura', 'id de pedido',
    'facture', 'numero facture', 'no facture', 'numero de facture', 'commande', 'id commande',
    'numero commande', 'numero de commande',
    'invois', 'no invois', 'nombor invois', 'pesanan', 'id pesanan', 'no pesanan', 'nombor pesanan',
  ],
  order_date: [
    'order date', 'invoice date', 'date', 'purchase date', 'order purchase timestamp', 'transaction date',
    'order timestamp', 'timestamp', 'created at', 'date time', 'datetime', 'sale date', 'sales date',
    'order datetime', 'purchase timestamp',
    'data', 'data pedido', 'data do pedido', 'data compra', 'data da compra', 'data fatura', 'data da fatura',
    'fecha', 'fecha pedido', 'fecha de pedido', 'fecha factura', 'fecha de factura', 'fecha compra',
    'fecha de compra', 'date commande', 'date de commande', 'date facture', 'date de facture', 'date achat',
    'date d achat', 'tarikh', 'tarikh pesanan', 'tarikh invois', 'tarikh belian', 'tarikh jualan',
  ],
  amount: [
    'amount', 'total', 'total amount', 'order total', 'order amount', 'revenue', 'sales', 'sale amount',
    'sales amount', 'value', 'order value', 'payment value', 'dollar value', 'net amount', 'gross amount',
    'spend', 'total spend', 'line total', 'price total', 'total price', 'subtotal', 'order products value',
    'valor', 'valor total', 'valor pedido', 'valor do pedido', 'total pedido', 'montante', 'valor pago',
    'importe', 'importe total', 'monto', 'monto total', 'total factura', 'ventas',
    'montant', 'montant total', 'total ttc', 'total ht', 'chiffre d affaires',
    'jumlah', 'jumlah harga', 'jumlah bayaran', 'amaun', 'jumlah jualan',
  ],
  quantity: [
    'quantity', 'qty', 'units', 'number of items', 'items', 'item count', 'number of cds', 'order items qty',
    'quantidade', 'qtd', 'qtde', 'cantidad', 'cant', 'quantite', 'qte',
    'kuantiti', 'bilangan', 'jumlah unit', 'unit',
  ],
  unit_price: [
    'unit price', 'price', 'price each', 'item price', 'unit cost',
    'preco', 'preco unitario', 'valor unitario', 'precio', 'precio unitario', 'prix', 'prix unitaire',
    'harga', 'harga seunit', 'harga unit', 'harga sebutir',
  ],
  channel: ['channel', 'sales channel', 'canal', 'canal de venda', 'canal de venta', 'canal de vente', 'saluran'],
  status: ['status', 'order status', 'estado', 'situacao', 'status do pedido', 'statut', 'status pesanan'],
  margin: [
    'margin', 'gross margin', 'profit', 'gross profit', 'margem', 'lucro', 'margen', 'beneficio', 'ganancia',
    'marge', 'benefice', 'untung', 'keuntungan', 'margin amount',
  ],
  // Promised before actual: "expected delivery date" also contains "delivery date", and the
  // whole-header match (strength 3) of the promised phrase wins over that partial one.
  promised_date: [
    'promised date', 'promised delivery date', 'estimated delivery date', 'order estimated delivery date',
    'expected delivery date', 'estimated delivery', 'expected delivery', 'promised delivery', 'delivery estimate',
    'delivery due date', 'delivery deadline', 'estimated arrival date',
    'data prevista', 'data prevista entrega', 'data prevista de entrega', 'data estimada entrega',
    'data estimada de entrega', 'previsao de entrega', 'previsao entrega', 'prazo de entrega', 'prazo entrega',
    'data prometida', 'entrega prevista', 'entrega estimada',
    'fecha prevista', 'fecha prevista de entrega', 'fecha estimada de entrega', 'fecha estimada entrega',
    'fecha prometida', 'fecha comprometida', 'plazo de entrega',
    'date prevue', 'date de livraison prevue', 'date livraison prevue', 'livraison prevue', 'date de livraison estimee',
    'livraison estimee', 'date promise', 'delai de livraison',
    'tarikh jangkaan', 'tarikh jangkaan penghantaran', 'tarikh jangka penghantaran', 'tarikh dijanjikan',
    'jangkaan penghantaran', 'tarikh akhir penghantaran',
  ],
  delivered_date: [
    'delivered date', 'delivery date', 'date delivered', 'delivered at', 'delivered on', 'delivered',
    'actual delivery date', 'order delivered customer date', 'delivered customer date', 'order delivered date',
    'delivery datetime', 'delivery timestamp',
    'data entrega', 'data de entrega', 'data da entrega', 'entregue em', 'data entregue', 'data real de entrega',
    'data efetiva de entrega',
    'fecha entrega', 'fecha de entrega', 'fecha entregado', 'entregado el', 'fecha real de entrega',
    'date livraison', 'date de livraison', 'livre le', 'date de livraison reelle', 'date livree',
    'tarikh penghantaran', 'tarikh dihantar', 'tarikh diterima', 'tarikh terima',
  ],
  review_score: [
    'review score', 'review rating', 'rating', 'customer rating', 'star rating', 'stars', 'score',
    'satisfaction score', 'satisfaction', 'csat', 'csat score',
    'nota avaliacao', 'nota da avaliacao', 'avaliacao', 'nota do cliente', 'estrelas',
    'puntuacion', 'calificacion', 'valoracion', 'estrellas',
    'note avis', 'note client', 'note du client', 'evaluation', 'etoiles',
    'skor ulasan', 'skor', 'penilaian', 'bintang', 'rating pelanggan',
  ],
};

/**
 * Header names of the optional customers table's columns. The customer id is found by the
 * same phrases as in orders, so a customer list and an order export agree on who is who.
 */
export const CUSTOMER_HEADER_PHRASES: Record<CustomerRole, readonly string[]> = {
  customer_id: HEADER_PHRASES.customer_id,
  name: [
    'customer name', 'client name', 'name', 'full name', 'contact name', 'buyer name', 'member name',
    'nome', 'nome cliente', 'nome do cliente', 'nome completo', 'nombre', 'nombre cliente', 'nombre del cliente',
    'nombre completo', 'nom', 'nom client', 'nom du client', 'nom complet', 'nama', 'nama pelanggan',
  ],
  signup_date: [
    'signup date', 'sign up date', 'signup', 'registration date', 'registered', 'registered at', 'registered on',
    'join date', 'joined', 'joined at', 'joined on', 'date joined', 'customer since', 'member since', 'client since',
    'created at', 'created', 'created on', 'creation date', 'date created', 'first seen',
    'data cadastro', 'data de cadastro', 'cadastro', 'data registo', 'data de registro', 'cliente desde',
    'fecha registro', 'fecha de registro', 'fecha alta', 'fecha de alta', 'alta',
    'date inscription', 'date d inscription', 'inscription', 'date de creation', 'client depuis',
    'tarikh daftar', 'tarikh pendaftaran', 'tarikh sertai',
  ],
};

/**
 * Header names of the optional feedback table's columns. The customer id is found by the same
 * phrases as in orders; a feedback date by its own names first, then by order-date names.
 */
export const FEEDBACK_HEADER_PHRASES: Record<FeedbackRole, readonly string[]> = {
  customer_id: HEADER_PHRASES.customer_id,
  date: [
    'feedback date', 'response date', 'review date', 'review creation date', 'survey date', 'answer date',
    'submitted at', 'submitted on', 'submitted', 'received at', 'received',
    'data resposta', 'data da resposta', 'data avaliacao', 'data da avaliacao', 'fecha respuesta', 'fecha de respuesta',
    'date reponse', 'date de reponse', 'date avis', 'tarikh maklum balas',
    ...HEADER_PHRASES.order_date,
  ],
  kind: [
    'kind', 'type', 'feedback type', 'feedback kind', 'feedback category', 'response type',
    'tipo', 'tipo de feedback', 'tipo feedback', 'genre', 'jenis', 'jenis maklum balas',
  ],
  score: [
    'score', 'nps', 'nps score', 'rating', 'review score', 'stars', 'star rating', 'satisfaction', 'csat',
    'satisfaction score', 'csat score', 'likely to recommend', 'likelihood to recommend', 'recommend score',
    'recommendation score', 'rate', 'grade',
    'nota', 'pontuacao', 'avaliacao', 'puntuacion', 'calificacion', 'valoracion', 'evaluation', 'skor', 'penilaian',
  ],
  scale: ['scale', 'score scale', 'rating scale', 'scale max', 'out of', 'escala', 'echelle', 'skala'],
  text: [
    'text', 'comment', 'comments', 'feedback', 'feedback text', 'review text', 'review comment message', 'comment message',
    'message', 'verbatim', 'remarks', 'review', 'answer', 'response',
    'comentario', 'comentarios', 'mensagem', 'texto', 'commentaire', 'ulasan', 'komen', 'maklum balas',
  ],
  channel: [...HEADER_PHRASES.channel, 'source', 'feedback channel', 'origem', 'origen', 'sumber'],
  // What the feedback is about. A "category" column that holds kinds (complaint, suggestion...)
  // is taken as the kind instead (decideFeedbackMapping).
  category: [
    'category', 'topic', 'subject', 'reason', 'complaint category', 'complaint type', 'complaint reason',
    'feedback topic', 'contact reason', 'reason for contact', 'issue', 'issue type', 'theme', 'subcategory',
    'categoria', 'assunto', 'motivo', 'tema', 'topico', 'asunto', 'razon', 'motivo de contacto',
    'categorie', 'sujet', 'motif', 'kategori', 'topik', 'perkara', 'sebab',
  ],
  // When the shop answered or resolved it (not when the customer wrote it: that is the date).
  answered_date: [
    'answered date', 'date answered', 'answered at', 'answered on', 'answered', 'responded at', 'responded on',
    'responded', 'replied at', 'replied on', 'reply date', 'date replied', 'response sent', 'resolved at',
    'resolved on', 'resolved date', 'date resolved', 'resolution date', 'resolved', 'closed at', 'closed on',
    'closed date', 'date closed', 'solved at',
    'respondido', 'respondido em', 'data respondido', 'resposta', 'data resposta empresa', 'resolvido', 'resolvido em',
    'data resolucao', 'data de resolucao', 'data fechamento', 'data de fechamento', 'fechado em',
    'respondido el', 'respuesta', 'fecha respondido', 'resuelto', 'resuelto el', 'fecha resolucion', 'fecha de resolucion',
    'fecha cierre', 'fecha de cierre', 'cerrado el',
    'repondu', 'repondu le', 'date reponse client', 'resolu', 'resolu le', 'date resolution', 'date de resolution',
    'date cloture', 'date de cloture', 'clos le',
    'dijawab', 'tarikh dijawab', 'tarikh jawapan', 'diselesaikan', 'tarikh diselesaikan', 'tarikh selesai', 'tarikh ditutup',
  ],
  // Whether it was answered: a ticket status (open / answered / resolved / closed) or yes/no.
  status: [
    'status', 'ticket status', 'case status', 'complaint status', 'feedback status', 'answer status', 'state',
    'answered', 'responded', 'replied', 'resolved', 'closed', 'solved',
    'situacao', 'estado', 'respondido', 'resolvido', 'resuelto', 'contestado', 'statut', 'repondu', 'resolu', 'traite',
    'status aduan', 'dijawab', 'diselesaikan', 'selesai',
  ],
};

export interface HeaderMatch<R extends string = OrderRole> {
  role: R;
  /** 3: the whole header is a known phrase; 2: the header contains one as whole words. */
  strength: number;
  /** Index of the phrase in its role's list: lower is more specific. */
  rank: number;
}

/**
 * Words that may stand beside a one-word phrase without changing what the column is:
 * `customer no`, `order total`, `net sales`. Any other word does (`customer city`,
 * `order freight value`, `product photos qty`), so such headers are not matched.
 */
const QUALIFIERS = new Set([
  'id', 'no', 'nr', 'num', 'number', 'code', 'key', 'ref', 'reference', 'unique', 'identifier', 'identifiant',
  'numero', 'codigo', 'cod', 'kod', 'nombor', 'order', 'invoice', 'purchase', 'transaction', 'sale', 'sales',
  'customer', 'client', 'cliente', 'pelanggan', 'pedido', 'total', 'net', 'gross', 'line', 'item', 'unit',
  'paid', 'date', 'time', 'de', 'do', 'da', 'du', 'd', 'the', 'of',
]);

function containsWords(header: string, phrase: string): boolean {
  if (!` ${header} `.includes(` ${phrase} `)) return false;
  if (phrase.includes(' ')) return true;
  return header.split(' ').every((w) => w === phrase || QUALIFIERS.has(w));
}

/** Every order role a header name suggests, strongest first. */
export function matchHeader(header: string): HeaderMatch[] {
  return matchPhrases(header, HEADER_PHRASES);
}

/** Every role of `phrases` (a dictionary like HEADER_PHRASES) a header name suggests, strongest first. */
export function matchPhrases<R extends string>(header: string, phrases: Record<R, readonly string[]>): HeaderMatch<R>[] {
  const h = normaliseHeader(header);
  const compact = h.replace(/ /g, '');
  const out: HeaderMatch<R>[] = [];
  for (const [role, list] of Object.entries(phrases) as [R, readonly string[]][]) {
    let best: HeaderMatch<R> | undefined;
    list.forEach((phrase, rank) => {
      const strength = h === phrase || compact === phrase.replace(/ /g, '') ? 3 : containsWords(h, phrase) ? 2 : 0;
      if (strength > 0 && (!best || strength > best.strength || (strength === best.strength && rank < best.rank))) {
        best = { role, strength, rank };
      }
    });
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.strength - a.strength || a.rank - b.rank);
}
