import { describe, expect, it } from 'vitest';
import { matchHeader, normaliseHeader } from '../../src/data/ingest/header-dictionary.js';
import type { OrderRole } from '../../src/data/ingest/types.js';

/** The strongest role a header suggests, or null. */
const roleOf = (header: string): OrderRole | null => matchHeader(header)[0]?.role ?? null;

describe('normaliseHeader', () => {
  it.each([
    ['CustomerID', 'customer id'],
    ['customerId', 'customer id'],
    ['customer_id', 'customer id'],
    ['Customer ID', 'customer id'],
    ['  CUSTOMER-ID  ', 'customer id'],
    ['InvoiceNo', 'invoice no'],
    ['InvoiceDate', 'invoice date'],
    ['UnitPrice', 'unit price'],
    ['Preço Unitário', 'preco unitario'],
    ['Número de Factura', 'numero de factura'],
    ['Quantité', 'quantite'],
    ["Date d'achat", 'date d achat'],
    ['order_purchase_timestamp', 'order purchase timestamp'],
    ['Valor (R$)', 'valor r'],
  ])('%s -> %s', (raw, normalised) => {
    expect(normaliseHeader(raw)).toBe(normalised);
  });
});

describe('matchHeader: roles by language', () => {
  const cases: [string, string, OrderRole][] = [
    // English
    ['en', 'CustomerID', 'customer_id'],
    ['en', 'Customer ID', 'customer_id'],
    ['en', 'customer_unique_id', 'customer_id'],
    ['en', 'InvoiceNo', 'order_id'],
    ['en', 'Invoice', 'order_id'],
    ['en', 'order_id', 'order_id'],
    ['en', 'InvoiceDate', 'order_date'],
    ['en', 'order_purchase_timestamp', 'order_date'],
    ['en', 'Amount', 'amount'],
    ['en', 'dollar_value', 'amount'],
    ['en', 'revenue', 'amount'],
    ['en', 'Quantity', 'quantity'],
    ['en', 'number_of_cds', 'quantity'],
    ['en', 'UnitPrice', 'unit_price'],
    ['en', 'Price', 'unit_price'],
    ['en', 'Sales Channel', 'channel'],
    ['en', 'Order Status', 'status'],
    ['en', 'Gross Margin', 'margin'],
    // Portuguese
    ['pt', 'Cliente', 'customer_id'],
    ['pt', 'Código do Cliente', 'customer_id'],
    ['pt', 'Número do Pedido', 'order_id'],
    ['pt', 'Nota Fiscal', 'order_id'],
    ['pt', 'Data do Pedido', 'order_date'],
    ['pt', 'Data da Compra', 'order_date'],
    ['pt', 'Valor Total', 'amount'],
    ['pt', 'Quantidade', 'quantity'],
    ['pt', 'Preço Unitário', 'unit_price'],
    ['pt', 'Margem', 'margin'],
    // Spanish
    ['es', 'ID de Cliente', 'customer_id'],
    ['es', 'Número de Factura', 'order_id'],
    ['es', 'Fecha de Compra', 'order_date'],
    ['es', 'Importe Total', 'amount'],
    ['es', 'Monto', 'amount'],
    ['es', 'Cantidad', 'quantity'],
    ['es', 'Precio Unitario', 'unit_price'],
    ['es', 'Canal de Venta', 'channel'],
    // French
    ['fr', 'Code client', 'customer_id'],
    ['fr', 'Numéro de commande', 'order_id'],
    ['fr', 'Numéro de facture', 'order_id'],
    ['fr', 'Date de commande', 'order_date'],
    ["fr", "Date d'achat", 'order_date'],
    ['fr', 'Montant total', 'amount'],
    ['fr', 'Quantité', 'quantity'],
    ['fr', 'Prix unitaire', 'unit_price'],
    ['fr', 'Statut', 'status'],
    // Malay
    ['ms', 'Pelanggan', 'customer_id'],
    ['ms', 'ID Pelanggan', 'customer_id'],
    ['ms', 'No Invois', 'order_id'],
    ['ms', 'Nombor Pesanan', 'order_id'],
    ['ms', 'Tarikh', 'order_date'],
    ['ms', 'Tarikh Pesanan', 'order_date'],
    ['ms', 'Jumlah', 'amount'],
    ['ms', 'Kuantiti', 'quantity'],
    ['ms', 'Harga Seunit', 'unit_price'],
    ['ms', 'Saluran', 'channel'],
  ];
  it.each(cases)('[%s] %s -> %s', (_lang, header, role) => {
    expect(roleOf(header)).toBe(role);
  });
});

describe('matchHeader: near misses are not matched', () => {
  it.each([
    'customer_city',
    'customer_state',
    'customer_zip_code_prefix',
    'order_freight_value',
    'product_photos_qty',
    'Description',
    'StockCode',
    'Country',
  ])('%s does not map to an id', (header) => {
    const roles = matchHeader(header).map((m) => m.role);
    expect(roles).not.toContain('customer_id');
    expect(roles).not.toContain('order_id');
  });

  it('order_freight_value is not taken as the order value either', () => {
    expect(matchHeader('order_freight_value').map((m) => m.role)).not.toContain('amount');
  });

  it('product_photos_qty is not a quantity', () => {
    expect(matchHeader('product_photos_qty').map((m) => m.role)).not.toContain('quantity');
  });
});

describe('matchHeader: strength and rank', () => {
  it('a whole-header match is stronger than a contained phrase', () => {
    expect(matchHeader('customer id')[0]).toMatchObject({ role: 'customer_id', strength: 3 });
    expect(matchHeader('customer id code')[0]).toMatchObject({ role: 'customer_id', strength: 2 });
  });

  it('matches a header written without spaces', () => {
    expect(matchHeader('invoicenumber')[0]).toMatchObject({ role: 'order_id', strength: 3 });
  });

  it('ranks customer unique id above customer id (Olist: the person, not the order record)', () => {
    const unique = matchHeader('customer_unique_id')[0]!;
    const plain = matchHeader('customer_id')[0]!;
    expect(unique.role).toBe('customer_id');
    expect(plain.role).toBe('customer_id');
    expect(unique.rank).toBeLessThan(plain.rank);
  });

  it('returns nothing for an unrelated header', () => {
    expect(matchHeader('favourite colour')).toEqual([]);
  });
});
