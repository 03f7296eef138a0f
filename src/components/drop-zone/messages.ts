import { defineMessages } from '../base/i18n.js';

export const messages = defineMessages(
  {
    choose: 'Choose a file…',
    hint: 'or drop an order export here: CSV, TSV, Parquet, Arrow or JSON, gzipped or not.',
    file: 'Order file',
  },
  {
    pt: {
      choose: 'Escolher um ficheiro…',
      hint: 'ou largue aqui uma exportação de encomendas: CSV, TSV, Parquet, Arrow ou JSON, comprimida com gzip ou não.',
      file: 'Ficheiro de encomendas',
    },
    es: {
      choose: 'Elegir un archivo…',
      hint: 'o suelte aquí una exportación de pedidos: CSV, TSV, Parquet, Arrow o JSON, comprimida con gzip o no.',
      file: 'Archivo de pedidos',
    },
    fr: {
      choose: 'Choisir un fichier…',
      hint: 'ou déposez ici un export de commandes : CSV, TSV, Parquet, Arrow ou JSON, compressé en gzip ou non.',
      file: 'Fichier de commandes',
    },
    ms: {
      choose: 'Pilih fail…',
      hint: 'atau lepaskan fail eksport pesanan di sini: CSV, TSV, Parquet, Arrow atau JSON, dimampatkan dengan gzip atau tidak.',
      file: 'Fail pesanan',
    },
  },
);
