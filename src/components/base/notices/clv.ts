import { CLV_NOTICES } from '../../../data/clv-notices.js';
import { defineMessages } from '../i18n.js';

/** What the CLV model service says about a fit, in every language (English: data/clv-notices.ts). */
export const clvNotices = defineMessages(CLV_NOTICES, {
  pt: {
    'clv.no-customers': 'Nenhum cliente fez uma compra até {date}: não há nada a ajustar.',
    'clv.no-repeat-buyers':
      'Nenhum cliente voltou a comprar, por isso o modelo de gasto (Gamma-Gamma) não pode ser ajustado: não há valor esperado por encomenda nem valor do cliente ao longo da vida.',
    'clv.no-positive-spend':
      'Nenhum cliente recorrente gastou algo nas compras repetidas, por isso o modelo de gasto (Gamma-Gamma) não pode ser ajustado: não há valor esperado por encomenda nem valor do cliente ao longo da vida.',
    'clv.no-spend':
      'O resumo não tem valores de gasto, por isso só o modelo de compras (BG/NBD) é ajustado: não há valor esperado por encomenda nem valor do cliente ao longo da vida.',
    'clv.spend-mean-infinite':
      'O modelo de gasto ajustado tem q = {q}, no máximo 1: o valor médio por encomenda é infinito, por isso não há valor esperado por encomenda nem valor do cliente ao longo da vida.',
    'clv.independence-fails':
      'O teste de independência entre frequência e valor falha: entre os {n} clientes recorrentes, a frequência de compra e o gasto médio estão correlacionados (r = {r}, para lá de ±{threshold}), por isso os valores de gasto do Gamma-Gamma podem estar enviesados.',
    'clv.independence-unknown':
      'Não foi possível fazer o teste de independência entre frequência e valor (menos de dois clientes recorrentes, ou sem variação na frequência ou no gasto).',
    'clv.bgnbd-no-repeat-purchases':
      'Nenhum cliente comprou em mais de um dia, por isso o modelo de compras (BG/NBD) não consegue saber com que frequência os clientes compram: as previsões não têm significado.',
    'clv.bgnbd-no-observation-time':
      'Todos os clientes compraram pela primeira vez no fim do período observado, por isso o modelo de compras (BG/NBD) não tem tempo de onde aprender: as previsões não têm significado.',
    'clv.bgnbd-not-converged':
      'O ajuste do modelo de compras (BG/NBD) não convergiu (norma do gradiente {gradient}): use os parâmetros e as previsões com cautela.',
    'clv.gamma-gamma-not-converged':
      'O ajuste do modelo de gasto (Gamma-Gamma) não convergiu (norma do gradiente {gradient}): use os parâmetros e os valores de gasto com cautela.',
    'clv.starts-disagree': {
      one: 'Só {agreeing} de {n} ponto de partida chegou ao melhor ajuste do modelo de compras: pode ser um ótimo local.',
      other: 'Só {agreeing} de {n} pontos de partida chegaram ao melhor ajuste do modelo de compras: pode ser um ótimo local.',
    },
    'clv.few-repeat-buyers': {
      one: 'Só {n} cliente voltou a comprar: o modelo de gasto assenta em muito poucos dados.',
      other: 'Só {n} clientes voltaram a comprar: o modelo de gasto assenta em muito poucos dados.',
    },
    'clv.zero-spend-excluded': {
      one: '{n} cliente recorrente não gastou nada nas compras repetidas e fica fora do ajuste do modelo de gasto (continua a ter um valor esperado por encomenda).',
      other: '{n} clientes recorrentes não gastaram nada nas compras repetidas e ficam fora do ajuste do modelo de gasto (continuam a ter um valor esperado por encomenda).',
    },
    'clv.worker-unavailable':
      'Não foi possível iniciar o worker do modelo ({url}), por isso o modelo foi ajustado na própria página, que pode parar por um momento.',
    'clv.worker-stopped':
      'O worker do modelo ({url}) parou: {reason}. O modelo não foi ajustado: a página pode não ter memória suficiente para tantos clientes.',
    'clv.check-too-short': {
      one: 'As encomendas, de {first} a {end}, são demasiado curtas para verificar o modelo no último mês: ficaria menos de um mês antes de {calibrationEnd} para o ajustar, por isso não há verificação.',
      other: 'As encomendas, de {first} a {end}, são demasiado curtas para verificar o modelo nos últimos {months} meses: ficariam menos de {months} meses antes de {calibrationEnd} para o ajustar, por isso não há verificação.',
    },
    'clv.check-unpredicted': 'o modelo ajustado às encomendas anteriores não conseguiu prever as compras nesse período',
    'clv.check-unpredicted-unconverged': 'o modelo ajustado às encomendas anteriores não convergiu e não conseguiu prever as compras nesse período',
    'clv.check-failed': {
      one: 'Não foi possível verificar o modelo no último mês: {reason}. As previsões do modelo não são afetadas.',
      other: 'Não foi possível verificar o modelo nos últimos {months} meses: {reason}. As previsões do modelo não são afetadas.',
    },
  },
  es: {
    'clv.no-customers': 'Ningún cliente ha comprado hasta el {date}: no hay nada que ajustar.',
    'clv.no-repeat-buyers':
      'Ningún cliente ha repetido compra, así que el modelo de gasto (Gamma-Gamma) no puede ajustarse: no hay valor esperado por pedido ni valor del cliente a lo largo de su vida.',
    'clv.no-positive-spend':
      'Ningún cliente recurrente gastó nada en sus compras repetidas, así que el modelo de gasto (Gamma-Gamma) no puede ajustarse: no hay valor esperado por pedido ni valor del cliente a lo largo de su vida.',
    'clv.no-spend':
      'El resumen no tiene importes de gasto, así que solo se ajusta el modelo de compras (BG/NBD): no hay valor esperado por pedido ni valor del cliente a lo largo de su vida.',
    'clv.spend-mean-infinite':
      'El modelo de gasto ajustado tiene q = {q}, como mucho 1: su valor medio por pedido es infinito, así que no hay valor esperado por pedido ni valor del cliente a lo largo de su vida.',
    'clv.independence-fails':
      'La prueba de independencia entre frecuencia e importe falla: entre los {n} clientes recurrentes, la frecuencia de compra y el gasto medio están correlacionados (r = {r}, más allá de ±{threshold}), así que los valores de gasto del Gamma-Gamma pueden estar sesgados.',
    'clv.independence-unknown':
      'No se pudo hacer la prueba de independencia entre frecuencia e importe (menos de dos clientes recurrentes, o sin variación en su frecuencia o gasto).',
    'clv.bgnbd-no-repeat-purchases':
      'Ningún cliente ha comprado en más de un día, así que el modelo de compras (BG/NBD) no puede saber con qué frecuencia compran los clientes: sus predicciones no tienen sentido.',
    'clv.bgnbd-no-observation-time':
      'Todos los clientes compraron por primera vez al final del periodo observado, así que el modelo de compras (BG/NBD) no tiene tiempo del que aprender: sus predicciones no tienen sentido.',
    'clv.bgnbd-not-converged':
      'El ajuste del modelo de compras (BG/NBD) no convergió (norma del gradiente {gradient}): use sus parámetros y predicciones con cautela.',
    'clv.gamma-gamma-not-converged':
      'El ajuste del modelo de gasto (Gamma-Gamma) no convergió (norma del gradiente {gradient}): use sus parámetros y valores de gasto con cautela.',
    'clv.starts-disagree': {
      one: 'Solo {agreeing} de {n} punto de partida alcanzó el mejor ajuste del modelo de compras: puede ser un óptimo local.',
      other: 'Solo {agreeing} de {n} puntos de partida alcanzaron el mejor ajuste del modelo de compras: puede ser un óptimo local.',
    },
    'clv.few-repeat-buyers': {
      one: 'Solo {n} cliente ha repetido compra: el modelo de gasto se apoya en muy pocos datos.',
      other: 'Solo {n} clientes han repetido compra: el modelo de gasto se apoya en muy pocos datos.',
    },
    'clv.zero-spend-excluded': {
      one: '{n} cliente recurrente no gastó nada en sus compras repetidas y queda fuera del ajuste del modelo de gasto (sigue teniendo un valor esperado por pedido).',
      other: '{n} clientes recurrentes no gastaron nada en sus compras repetidas y quedan fuera del ajuste del modelo de gasto (siguen teniendo un valor esperado por pedido).',
    },
    'clv.worker-unavailable':
      'No se pudo iniciar el worker del modelo ({url}), así que el modelo se ajustó en la propia página, que puede detenerse un momento.',
    'clv.worker-stopped':
      'El worker del modelo ({url}) se detuvo: {reason}. El modelo no se ajustó: puede que la página no tenga memoria suficiente para tantos clientes.',
    'clv.check-too-short': {
      one: 'Los pedidos, del {first} al {end}, son demasiado cortos para comprobar el modelo en el último mes: quedaría menos de un mes antes del {calibrationEnd} para ajustarlo, así que no hay comprobación.',
      other: 'Los pedidos, del {first} al {end}, son demasiado cortos para comprobar el modelo en los últimos {months} meses: quedarían menos de {months} meses antes del {calibrationEnd} para ajustarlo, así que no hay comprobación.',
    },
    'clv.check-unpredicted': 'el modelo ajustado con los pedidos anteriores no pudo predecir las compras de ese periodo',
    'clv.check-unpredicted-unconverged': 'el modelo ajustado con los pedidos anteriores no convergió y no pudo predecir las compras de ese periodo',
    'clv.check-failed': {
      one: 'No se pudo comprobar el modelo en el último mes: {reason}. Sus predicciones no se ven afectadas.',
      other: 'No se pudo comprobar el modelo en los últimos {months} meses: {reason}. Sus predicciones no se ven afectadas.',
    },
  },
  fr: {
    'clv.no-customers': 'Aucun client n’a acheté avant le {date}\u00a0: il n’y a rien à ajuster.',
    'clv.no-repeat-buyers':
      'Aucun client n’a racheté\u00a0: le modèle de dépense (Gamma-Gamma) ne peut pas être ajusté, il n’y a ni valeur de commande attendue ni valeur vie client.',
    'clv.no-positive-spend':
      'Aucun client fidèle n’a rien dépensé lors de ses rachats\u00a0: le modèle de dépense (Gamma-Gamma) ne peut pas être ajusté, il n’y a ni valeur de commande attendue ni valeur vie client.',
    'clv.no-spend':
      'Le résumé n’a pas de montants\u00a0: seul le modèle d’achat (BG/NBD) est ajusté, il n’y a ni valeur de commande attendue ni valeur vie client.',
    'clv.spend-mean-infinite':
      'Le modèle de dépense ajusté a q = {q}, au plus 1\u00a0: sa valeur moyenne de commande est infinie, il n’y a donc ni valeur de commande attendue ni valeur vie client.',
    'clv.independence-fails':
      'Le test d’indépendance entre fréquence et montant échoue\u00a0: parmi les {n} clients fidèles, la fréquence d’achat et la dépense moyenne sont corrélées (r = {r}, au-delà de ±{threshold})\u00a0; les valeurs de dépense du Gamma-Gamma peuvent être biaisées.',
    'clv.independence-unknown':
      'Le test d’indépendance entre fréquence et montant n’a pas pu être fait (moins de deux clients fidèles, ou aucune variation de leur fréquence ou de leur dépense).',
    'clv.bgnbd-no-repeat-purchases':
      'Aucun client n’a acheté sur plus d’un jour\u00a0: le modèle d’achat (BG/NBD) ne peut pas savoir à quelle fréquence les clients achètent, ses prévisions n’ont pas de sens.',
    'clv.bgnbd-no-observation-time':
      'Tous les clients ont acheté pour la première fois à la toute fin de la période observée\u00a0: le modèle d’achat (BG/NBD) n’a pas de temps sur lequel apprendre, ses prévisions n’ont pas de sens.',
    'clv.bgnbd-not-converged':
      'L’ajustement du modèle d’achat (BG/NBD) n’a pas convergé (norme du gradient {gradient})\u00a0: prenez ses paramètres et ses prévisions avec prudence.',
    'clv.gamma-gamma-not-converged':
      'L’ajustement du modèle de dépense (Gamma-Gamma) n’a pas convergé (norme du gradient {gradient})\u00a0: prenez ses paramètres et ses valeurs de dépense avec prudence.',
    'clv.starts-disagree': {
      one: 'Seul {agreeing} point de départ sur {n} a atteint le meilleur ajustement du modèle d’achat\u00a0: ce peut être un optimum local.',
      other: 'Seuls {agreeing} points de départ sur {n} ont atteint le meilleur ajustement du modèle d’achat\u00a0: ce peut être un optimum local.',
    },
    'clv.few-repeat-buyers': {
      one: 'Seul {n} client a racheté\u00a0: le modèle de dépense repose sur très peu de données.',
      other: 'Seuls {n} clients ont racheté\u00a0: le modèle de dépense repose sur très peu de données.',
    },
    'clv.zero-spend-excluded': {
      one: '{n} client fidèle n’a rien dépensé lors de ses rachats et reste hors de l’ajustement du modèle de dépense (il a toujours une valeur de commande attendue).',
      other: '{n} clients fidèles n’ont rien dépensé lors de leurs rachats et restent hors de l’ajustement du modèle de dépense (ils ont toujours une valeur de commande attendue).',
    },
    'clv.worker-unavailable':
      'Le worker du modèle ({url}) n’a pas pu démarrer\u00a0: le modèle a été ajusté dans la page elle-même, qui peut se figer un instant.',
    'clv.worker-stopped':
      'Le worker du modèle ({url}) s’est arrêté\u00a0: {reason}. Le modèle n’a pas été ajusté\u00a0: la page manque peut-être de mémoire pour autant de clients.',
    'clv.check-too-short': {
      one: 'Les commandes, du {first} au {end}, sont trop courtes pour vérifier le modèle sur le dernier mois\u00a0: il resterait moins d’un mois avant le {calibrationEnd} pour l’ajuster, il n’y a donc pas de vérification.',
      other: 'Les commandes, du {first} au {end}, sont trop courtes pour vérifier le modèle sur les {months} derniers mois\u00a0: il resterait moins de {months} mois avant le {calibrationEnd} pour l’ajuster, il n’y a donc pas de vérification.',
    },
    'clv.check-unpredicted': 'le modèle ajusté sur les commandes antérieures n’a pas pu prévoir les achats de cette période',
    'clv.check-unpredicted-unconverged': 'le modèle ajusté sur les commandes antérieures n’a pas convergé et n’a pas pu prévoir les achats de cette période',
    'clv.check-failed': {
      one: 'Le modèle n’a pas pu être vérifié sur le dernier mois\u00a0: {reason}. Ses prévisions n’en sont pas affectées.',
      other: 'Le modèle n’a pas pu être vérifié sur les {months} derniers mois\u00a0: {reason}. Ses prévisions n’en sont pas affectées.',
    },
  },
  ms: {
    'clv.no-customers': 'Tiada pelanggan membuat pembelian sehingga {date}: tiada apa untuk dipadankan.',
    'clv.no-repeat-buyers':
      'Tiada pelanggan membeli semula, jadi model perbelanjaan (Gamma-Gamma) tidak dapat dipadankan: tiada nilai pesanan jangkaan atau nilai sepanjang hayat pelanggan.',
    'clv.no-positive-spend':
      'Tiada pembeli berulang berbelanja apa-apa pada pembelian semula mereka, jadi model perbelanjaan (Gamma-Gamma) tidak dapat dipadankan: tiada nilai pesanan jangkaan atau nilai sepanjang hayat pelanggan.',
    'clv.no-spend':
      'Ringkasan tidak mempunyai angka perbelanjaan, jadi hanya model pembelian (BG/NBD) dipadankan: tiada nilai pesanan jangkaan atau nilai sepanjang hayat pelanggan.',
    'clv.spend-mean-infinite':
      'Model perbelanjaan yang dipadankan mempunyai q = {q}, paling banyak 1: nilai pesanan puratanya tidak terhingga, jadi tiada nilai pesanan jangkaan atau nilai sepanjang hayat pelanggan.',
    'clv.independence-fails':
      'Ujian kebebasan antara kekerapan dan nilai gagal: dalam kalangan {n} pembeli berulang, kekerapan pembelian dan perbelanjaan purata berkorelasi (r = {r}, melebihi ±{threshold}), jadi nilai perbelanjaan Gamma-Gamma mungkin berat sebelah.',
    'clv.independence-unknown':
      'Ujian kebebasan antara kekerapan dan nilai tidak dapat dibuat (kurang daripada dua pembeli berulang, atau tiada variasi dalam kekerapan atau perbelanjaan mereka).',
    'clv.bgnbd-no-repeat-purchases':
      'Tiada pelanggan membeli pada lebih daripada satu hari, jadi model pembelian (BG/NBD) tidak dapat mengetahui kekerapan pelanggan membeli: ramalannya tidak bermakna.',
    'clv.bgnbd-no-observation-time':
      'Setiap pelanggan mula membeli pada penghujung tempoh pemerhatian, jadi model pembelian (BG/NBD) tiada masa untuk belajar: ramalannya tidak bermakna.',
    'clv.bgnbd-not-converged':
      'Padanan model pembelian (BG/NBD) tidak menumpu (norma kecerunan {gradient}): gunakan parameter dan ramalannya dengan berhati-hati.',
    'clv.gamma-gamma-not-converged':
      'Padanan model perbelanjaan (Gamma-Gamma) tidak menumpu (norma kecerunan {gradient}): gunakan parameter dan nilai perbelanjaannya dengan berhati-hati.',
    'clv.starts-disagree': {
      other: 'Hanya {agreeing} daripada {n} titik permulaan mencapai padanan terbaik model pembelian: ia mungkin optimum setempat.',
    },
    'clv.few-repeat-buyers': {
      other: 'Hanya {n} pelanggan membeli semula: model perbelanjaan bergantung pada data yang sangat sedikit.',
    },
    'clv.zero-spend-excluded': {
      other: '{n} pembeli berulang tidak berbelanja apa-apa pada pembelian semula mereka dan dikecualikan daripada padanan model perbelanjaan (mereka masih mendapat nilai pesanan jangkaan).',
    },
    'clv.worker-unavailable':
      'Pekerja model ({url}) tidak dapat dimulakan, jadi model dipadankan pada halaman itu sendiri, yang mungkin terhenti seketika.',
    'clv.worker-stopped':
      'Pekerja model ({url}) berhenti: {reason}. Model tidak dipadankan: halaman mungkin tidak mempunyai memori yang cukup untuk pelanggan sebanyak ini.',
    'clv.check-too-short': {
      other: 'Pesanan, dari {first} hingga {end}, terlalu pendek untuk menyemak model pada {months} bulan terakhir: kurang daripada {months} bulan akan tinggal sebelum {calibrationEnd} untuk memadankannya, jadi tiada semakan.',
    },
    'clv.check-unpredicted': 'model yang dipadankan pada pesanan sebelumnya tidak dapat meramal pembelian dalam tempoh itu',
    'clv.check-unpredicted-unconverged': 'model yang dipadankan pada pesanan sebelumnya tidak menumpu dan tidak dapat meramal pembelian dalam tempoh itu',
    'clv.check-failed': {
      other: 'Model tidak dapat disemak pada {months} bulan terakhir: {reason}. Ramalannya tidak terjejas.',
    },
  },
});
