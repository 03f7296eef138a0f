import { ANALYSIS_NOTICES } from '../../../data/analysis-notices.js';
import { CHART_EXPORT_NOTICES } from '../chart-export-messages.js';
import { defineMessages } from '../i18n.js';

/**
 * The analysis notices in every language: the delivery gap's, survey gap's and voice's notes,
 * the survey split, weights and selection errors a reader can meet (English in
 * data/analysis-notices.ts), and why a chart could not be exported (English in
 * chart-export-messages.ts, the components' own). Quoted names keep the quotes of each language;
 * "unassigned" is named as the quality gap shows that dimension (common-messages.ts).
 */
export const analysisNotices = defineMessages(
  { ...ANALYSIS_NOTICES, ...CHART_EXPORT_NOTICES },
  {
    pt: {
      'delivery.on-time': '{onTime} de {delivered} encomendas entregues ({share}%) chegaram até ao dia prometido; atrasadas: {late}.',
      'delivery.selected-only': 'Só as encomendas dos clientes selecionados.',
      'delivery.none-selected': 'Nenhum dos clientes selecionados tem uma encomenda com data prometida e data de entrega.',
      'delivery.undelivered': {
        one: '{n} encomenda com data prometida não tem data de entrega (não entregue, ou ainda não) e não conta como a tempo nem como atrasada.',
        other: '{n} encomendas com data prometida não têm data de entrega (não entregues, ou ainda não) e não contam como a tempo nem como atrasadas.',
      },
      'delivery.delivered-unreadable': {
        one: '{n} encomenda com data prometida tem uma data de entrega que não foi possível ler (ver os avisos do carregamento): não conta como entregue, por entregar, a tempo nem atrasada.',
        other: '{n} encomendas com data prometida têm datas de entrega que não foi possível ler (ver os avisos do carregamento): não contam como entregues, por entregar, a tempo nem atrasadas.',
      },
      'delivery.promised-unreadable': {
        one: '{n} encomenda entregue tem uma data prometida que não foi possível ler (ver os avisos do carregamento): não conta como a tempo nem como atrasada.',
        other: '{n} encomendas entregues têm datas prometidas que não foi possível ler (ver os avisos do carregamento): não contam como a tempo nem como atrasadas.',
      },
      'delivery.days-late': 'As encomendas atrasadas chegaram, em média, {mean} dias depois do prometido (mediana {median}, percentil 90 {p90}, no máximo {max}).',
      'delivery.reviews-unreadable': {
        one: 'A nota de avaliação de {n} encomenda não é um número (ver os avisos do carregamento) e fica fora da comparação.',
        other: 'As notas de avaliação de {n} encomendas não são números (ver os avisos do carregamento) e ficam fora da comparação.',
      },
      'delivery.review-scale': 'As notas de avaliação foram lidas numa escala de {min} a {max} (a nota mais alta é {largest}, a mais baixa {smallest}).',
      'delivery.scores-gap-up': 'As encomendas atrasadas tiveram nota {late} (n {lateN}) contra {onTime} das entregues a tempo (n {onTimeN}): uma diferença de +{gap}{ci}.',
      'delivery.scores-gap-down': 'As encomendas atrasadas tiveram nota {late} (n {lateN}) contra {onTime} das entregues a tempo (n {onTimeN}): uma diferença de {gap}{ci}.',
      'delivery.scores-ci': ' (IC 95% de {low} a {high})',
      'delivery.only-on-time-scored': 'Só as encomendas entregues a tempo têm nota de avaliação, por isso não há comparação entre atrasadas e a tempo.',
      'delivery.only-late-scored': 'Só as encomendas atrasadas têm nota de avaliação, por isso não há comparação entre atrasadas e a tempo.',
      'delivery.no-review-readable': {
        one: 'Não foi possível ler nenhuma das notas de avaliação das encomendas ({n} não é um número; ver os avisos do carregamento), por isso não se pode comparar a satisfação das encomendas atrasadas com a das entregues a tempo.',
        other: 'Não foi possível ler nenhuma das notas de avaliação das encomendas ({n} não são números; ver os avisos do carregamento), por isso não se pode comparar a satisfação das encomendas atrasadas com a das entregues a tempo.',
      },
      'delivery.no-review-score':
        'As encomendas não trazem nota de avaliação, por isso não se pode comparar a satisfação das atrasadas com a das entregues a tempo (uma coluna de nota de avaliação nas encomendas permite-o).',

      'quality.respondents': { one: '{n} inquirido', other: '{n} inquiridos' },
      'quality.no-customers-loaded': 'O inquérito tem ids de cliente, mas não há encomendas nem lista de clientes carregadas: carregue-as para dividir as lacunas por segmento ou degrau.',
      'quality.no-respondent-linked': 'Nenhum id de cliente dos inquiridos corresponde a um cliente carregado: as lacunas não podem ser divididas por segmento ou degrau.',
      'quality.weight-ignored': 'É indicado um peso para «{dimension}», mas nenhum item pertence a essa dimensão: é ignorado.',
      'quality.unweighted': {
        one: 'Sem peso para {dimensions}: não conta na pontuação global.',
        other: 'Sem peso para {dimensions}: não contam na pontuação global.',
      },
      'quality.weighted-given': 'Pontuação global ponderada pelos pesos indicados: {weights}.',
      'quality.weighted-given-over-importance': 'Pontuação global ponderada pelos pesos indicados: {weights} (substituem a importância dada pelos próprios inquiridos).',
      'quality.weighted-importance': 'Pontuação global ponderada pela importância que cada inquirido dá às dimensões, nas dimensões a que respondeu.',
      'quality.weighted-equal': 'Sem importância no inquérito: todas as dimensões contam o mesmo.',
      'quality.importance-missing': {
        one: '{n} de {respondents} não indicou importância: esse inquirido é ponderado por igual, contando o mesmo cada dimensão a que respondeu.',
        other: '{n} de {respondents} não indicaram importância: são ponderados por igual, contando o mesmo cada dimensão a que responderam.',
      },
      'quality.importance-missing-unassigned': {
        one: '{n} de {respondents} não indicou importância: esse inquirido é ponderado por igual, contando o mesmo cada dimensão a que respondeu, exceto «Sem dimensão», que conta 0 (como quando não há importância nenhuma).',
        other: '{n} de {respondents} não indicaram importância: são ponderados por igual, contando o mesmo cada dimensão a que responderam, exceto «Sem dimensão», que conta 0 (como quando não há importância nenhuma).',
      },
      'quality.no-dimension-answered': {
        one: '{n} inquirido só respondeu a itens sem dimensão: fica fora da pontuação global.',
        other: '{n} inquiridos só responderam a itens sem dimensão: ficam fora da pontuação global.',
      },
      'quality.no-weighted-dimension-answered': {
        one: '{n} inquirido não respondeu a nenhuma dimensão com peso: fica fora da pontuação global.',
        other: '{n} inquiridos não responderam a nenhuma dimensão com peso: ficam fora da pontuação global.',
      },
      'quality.unassigned-items-alone': {
        one: '{n} item não pertence a nenhuma dimensão (mostrado como «Sem dimensão»): {items}; a pontuação global é calculada sobre ele.',
        other: '{n} itens não pertencem a nenhuma dimensão (mostrados como «Sem dimensão»): {items}; a pontuação global é calculada sobre eles.',
      },
      'quality.unassigned-items-equal': {
        one: '{n} item não pertence a nenhuma dimensão (mostrado como «Sem dimensão»): {items}; tem lacuna própria, mas não conta na pontuação global.',
        other: '{n} itens não pertencem a nenhuma dimensão (mostrados como «Sem dimensão»): {items}; têm lacunas próprias, mas não contam na pontuação global.',
      },
      'quality.unassigned-items-given': {
        one: '{n} item não pertence a nenhuma dimensão (mostrado como «Sem dimensão»): {items}; só conta na pontuação global na medida em que for indicado um peso para «Sem dimensão».',
        other: '{n} itens não pertencem a nenhuma dimensão (mostrados como «Sem dimensão»): {items}; só contam na pontuação global na medida em que for indicado um peso para «Sem dimensão».',
      },
      'quality.unassigned-items-importance': {
        one: '{n} item não pertence a nenhuma dimensão (mostrado como «Sem dimensão»): {items}; só conta na pontuação global na medida em que os inquiridos deram importância a «Sem dimensão».',
        other: '{n} itens não pertencem a nenhuma dimensão (mostrados como «Sem dimensão»): {items}; só contam na pontuação global na medida em que os inquiridos deram importância a «Sem dimensão».',
      },
      'quality.thin-items': {
        one: '{n} item tem menos de 2 respostas: sem intervalo de confiança.',
        other: '{n} itens têm menos de 2 respostas: sem intervalo de confiança.',
      },
      'quality.not-linked': {
        one: '{n} de {respondents} não está associado a um cliente conhecido: agrupado como «{group}».',
        other: '{n} de {respondents} não estão associados a um cliente conhecido: agrupados como «{group}».',
      },
      'quality.no-purchase': {
        one: '{n} inquirido é um cliente da lista sem compras, por isso sem segmento: agrupado como «{group}».',
        other: '{n} inquiridos são clientes da lista sem compras, por isso sem segmento: agrupados como «{group}».',
      },
      'quality.selected-only': 'Só os inquiridos associados aos clientes selecionados: {respondents}; fora da seleção: {leftOut}.',
      'quality.selected-only-not-linked':
        'Só os inquiridos associados aos clientes selecionados: {respondents}; fora da seleção: {leftOut} (dos quais {notLinked} sem associação a um cliente conhecido).',
      'quality.weights-unmatched': 'Nenhuma dimensão com peso está no inquérito ({weights}); as suas dimensões são {dimensions}.',
      'quality.split-segment-no-ids': 'O inquérito não tem ids de cliente, por isso não pode ser dividido por segmento.',
      'quality.split-rung-no-ids': 'O inquérito não tem ids de cliente, por isso não pode ser dividido por degrau.',
      'quality.split-segment-no-orders': 'Dividir o inquérito por segmento requer encomendas carregadas, com ids de cliente que correspondam aos do inquérito.',
      'quality.split-rung-no-orders': 'Dividir o inquérito por degrau requer encomendas carregadas, com ids de cliente que correspondam aos do inquérito.',
      'quality.split-unknown-attribute': 'O inquérito não tem o atributo de inquirido «{attribute}».',
      'quality.split-unknown-attribute-options': 'O inquérito não tem o atributo de inquirido «{attribute}»; pode ser dividido por {options}.',

      'voice.no-feedback': 'Não há opiniões carregadas.',
      'voice.pieces-no-customer-id': { one: '{n} opinião sem id de cliente', other: '{n} opiniões sem id de cliente' },
      'voice.pieces-other-customers': { one: '{n} opinião de outros clientes', other: '{n} opiniões de outros clientes' },
      'voice.pieces': { one: '{n} opinião', other: '{n} opiniões' },
      'voice.selected-only': 'Só os clientes selecionados.',
      'voice.selected-only-left-out': 'Só os clientes selecionados (fora da seleção: {leftOut}).',
      'voice.selected-only-left-out-both': 'Só os clientes selecionados (fora da seleção: {noCustomerId} e {otherCustomers}).',
      'voice.kinds-all': 'reclamações, sugestões ou elogios',
      'voice.kinds-complaint': 'reclamações',
      'voice.kinds-suggestion': 'sugestões',
      'voice.kinds-compliment': 'elogios',
      'voice.kinds-either': '{first} ou {second}',
      'voice.none-selected': 'Os clientes selecionados não deixaram {kinds}.',
      'voice.none-loaded': 'As opiniões carregadas não têm {kinds}.',
      'voice.undated': {
        one: '{n} opinião não tem data: fica fora dos meses.',
        other: '{n} opiniões não têm data: ficam fora dos meses.',
      },
      'voice.answers-unknown': 'As opiniões não dizem nada sobre respostas (sem coluna de data de resposta nem de estado): a parte respondida é desconhecida.',
      'voice.answers-partly-known': {
        one: '{n} opinião não diz se foi respondida: a parte respondida é calculada sobre {known} que o dizem.',
        other: '{n} opiniões não dizem se foram respondidas: a parte respondida é calculada sobre {known} que o dizem.',
      },
      'voice.answered-undated': {
        one: '{n} opinião respondida não tem data de resposta (ou não tem data): fica fora do tempo de resposta.',
        other: '{n} opiniões respondidas não têm data de resposta (ou não têm data): ficam fora do tempo de resposta.',
      },
      'voice.answered-early': {
        one: '{n} opinião foi respondida antes de ser escrita (há datas erradas algures): fica fora do tempo de resposta.',
        other: '{n} opiniões foram respondidas antes de serem escritas (há datas erradas algures): ficam fora do tempo de resposta.',
      },
      'voice.no-customer-id': {
        one: '{n} opinião não tem id de cliente: conta em todo o lado exceto por cliente.',
        other: '{n} opiniões não têm id de cliente: contam em todo o lado exceto por cliente.',
      },
      'voice.no-customer-id-scored': {
        one: '{n} opinião não tem id de cliente: conta em todo o lado exceto por cliente, e em «{group}» por segmento.',
        other: '{n} opiniões não têm id de cliente: contam em todo o lado exceto por cliente, e em «{group}» por segmento.',
      },
      'voice.customers-not-in-orders': {
        one: '{n} dos {customers} clientes que deram opinião não está nas encomendas carregadas.',
        other: '{n} dos {customers} clientes que deram opinião não estão nas encomendas carregadas.',
      },
      'voice.customers-not-in-orders-scored': {
        one: '{n} dos {customers} clientes que deram opinião não está nas encomendas carregadas: contado em «{group}» por segmento.',
        other: '{n} dos {customers} clientes que deram opinião não estão nas encomendas carregadas: contados em «{group}» por segmento.',
      },
      'voice.no-scoring': 'Ainda sem pontuação RFM: pontue os clientes para ver as opiniões por segmento.',
      'voice.no-orders': 'Não há encomendas carregadas: as opiniões não podem ser divididas por segmento.',
      'voice.other-kinds': {
        one: '{n} outra opinião (de outro tipo) não é contada aqui.',
        other: '{n} outras opiniões (de outros tipos) não são contadas aqui.',
      },

      'selection.segment-needs-scoring': 'Selecionar o segmento «{segment}» requer uma pontuação: peça primeiro os segmentos (scoreOverview).',
      'selection.cell-needs-scoring': 'Selecionar a célula R por F (R {r}, F {f}) requer uma pontuação: peça primeiro os segmentos (scoreOverview).',
      'selection.unknown-segment': 'Não há segmento «{segment}» na pontuação atual; os seus segmentos são {segments}.',
      'selection.rung-needs-ladder': 'Selecionar o degrau «{rung}» requer uma escada: peça primeiro a escada.',
      'selection.migration-needs-migration': 'Selecionar a célula de migração «{from}» -> «{to}» requer uma migração: peça primeiro a migração de segmentos.',
      'selection.unknown-migration-start': 'Não há segmento «{segment}» no início da migração ({period}); os seus segmentos são {segments}.',
      'selection.unknown-migration-end': 'Não há segmento «{segment}» no fim da migração ({period}); os seus segmentos são {segments}.',

      'chart-export.not-shown': 'O gráfico não está na página: exporte um gráfico que esteja visível.',
      'chart-export.no-size': 'O gráfico não tem tamanho (está oculto?): exporte um gráfico que esteja visível.',
      'chart-export.timeout': 'O navegador não desenhou o gráfico em {seconds} s.',
      'chart-export.svg-not-drawn': 'O navegador não conseguiu desenhar o SVG do gráfico como imagem. A exportação em SVG pode ainda funcionar.',
      'chart-export.csp-blocked':
        "A CSP da página (img-src) bloqueou imagens data:, e pintar o gráfico numa tela sem ela também falhou. Para exportar PNG, o img-src da Content-Security-Policy tem de permitir URLs data: (p. ex. img-src 'self' data:). A exportação em SVG funciona sem isso.",
      'chart-export.csp-blocked-policy':
        "A CSP da página (img-src) bloqueou imagens data:, e pintar o gráfico numa tela sem ela também falhou. Para exportar PNG, o img-src da Content-Security-Policy tem de permitir URLs data: (p. ex. img-src 'self' data:). A exportação em SVG funciona sem isso. Política: {policy}",
      'chart-export.no-canvas': 'Este navegador não tem um canvas 2D onde desenhar.',
      'chart-export.not-encoded': 'O navegador não conseguiu codificar o PNG (o gráfico é demasiado grande?).',
      'chart-export.canvas-unreadable': 'Não foi possível ler o canvas ({reason}).',
    },
    es: {
      'delivery.on-time': '{onTime} de {delivered} pedidos entregados ({share} %) llegaron el día prometido o antes; con retraso: {late}.',
      'delivery.selected-only': 'Solo los pedidos de los clientes seleccionados.',
      'delivery.none-selected': 'Ninguno de los clientes seleccionados tiene un pedido con fecha prometida y fecha de entrega.',
      'delivery.undelivered': {
        one: '{n} pedido con fecha prometida no tiene fecha de entrega (no entregado, o aún no) y no cuenta ni a tiempo ni con retraso.',
        other: '{n} pedidos con fecha prometida no tienen fecha de entrega (no entregados, o aún no) y no cuentan ni a tiempo ni con retraso.',
      },
      'delivery.delivered-unreadable': {
        one: '{n} pedido con fecha prometida tiene una fecha de entrega que no se pudo leer (vea las advertencias de la carga): no cuenta como entregado, pendiente, a tiempo ni con retraso.',
        other: '{n} pedidos con fecha prometida tienen fechas de entrega que no se pudieron leer (vea las advertencias de la carga): no cuentan como entregados, pendientes, a tiempo ni con retraso.',
      },
      'delivery.promised-unreadable': {
        one: '{n} pedido entregado tiene una fecha prometida que no se pudo leer (vea las advertencias de la carga): no cuenta ni a tiempo ni con retraso.',
        other: '{n} pedidos entregados tienen fechas prometidas que no se pudieron leer (vea las advertencias de la carga): no cuentan ni a tiempo ni con retraso.',
      },
      'delivery.days-late': 'Los pedidos con retraso llegaron de media {mean} días tarde (mediana {median}, percentil 90 {p90}, como máximo {max}).',
      'delivery.reviews-unreadable': {
        one: 'La puntuación de reseña de {n} pedido no es un número (vea las advertencias de la carga) y queda fuera de la comparación.',
        other: 'Las puntuaciones de reseña de {n} pedidos no son números (vea las advertencias de la carga) y quedan fuera de la comparación.',
      },
      'delivery.review-scale': 'Las puntuaciones de reseña se leyeron en una escala de {min} a {max} (la mayor es {largest}, la menor {smallest}).',
      'delivery.scores-gap-up': 'Los pedidos con retraso obtuvieron {late} (n {lateN}) frente a {onTime} de los entregados a tiempo (n {onTimeN}): una diferencia de +{gap}{ci}.',
      'delivery.scores-gap-down': 'Los pedidos con retraso obtuvieron {late} (n {lateN}) frente a {onTime} de los entregados a tiempo (n {onTimeN}): una diferencia de {gap}{ci}.',
      'delivery.scores-ci': ' (IC 95 % de {low} a {high})',
      'delivery.only-on-time-scored': 'Solo los pedidos entregados a tiempo tienen puntuación de reseña, así que no hay comparación entre con retraso y a tiempo.',
      'delivery.only-late-scored': 'Solo los pedidos con retraso tienen puntuación de reseña, así que no hay comparación entre con retraso y a tiempo.',
      'delivery.no-review-readable': {
        one: 'No se pudo leer ninguna puntuación de reseña de los pedidos ({n} no es un número; vea las advertencias de la carga), así que no se puede comparar la satisfacción de los pedidos con retraso con la de los entregados a tiempo.',
        other: 'No se pudo leer ninguna puntuación de reseña de los pedidos ({n} no son números; vea las advertencias de la carga), así que no se puede comparar la satisfacción de los pedidos con retraso con la de los entregados a tiempo.',
      },
      'delivery.no-review-score':
        'Los pedidos no traen puntuación de reseña, así que no se puede comparar la satisfacción de los pedidos con retraso con la de los entregados a tiempo (una columna de puntuación de reseña en los pedidos lo permite).',

      'quality.respondents': { one: '{n} encuestado', other: '{n} encuestados' },
      'quality.no-customers-loaded': 'La encuesta tiene ids de cliente, pero no hay pedidos ni lista de clientes cargados: cárguelos para dividir las brechas por segmento o peldaño.',
      'quality.no-respondent-linked': 'Ningún id de cliente de los encuestados coincide con un cliente cargado: las brechas no se pueden dividir por segmento o peldaño.',
      'quality.weight-ignored': 'Se indica un peso para «{dimension}», pero ningún ítem pertenece a esa dimensión: se ignora.',
      'quality.unweighted': {
        one: 'Sin peso para {dimensions}: no cuenta en la puntuación global.',
        other: 'Sin peso para {dimensions}: no cuentan en la puntuación global.',
      },
      'quality.weighted-given': 'Puntuación global ponderada por los pesos indicados: {weights}.',
      'quality.weighted-given-over-importance': 'Puntuación global ponderada por los pesos indicados: {weights} (sustituyen la importancia que dio cada encuestado).',
      'quality.weighted-importance': 'Puntuación global ponderada por la importancia que cada encuestado da a las dimensiones, sobre las dimensiones que respondió.',
      'quality.weighted-equal': 'Sin importancia en la encuesta: todas las dimensiones cuentan igual.',
      'quality.importance-missing': {
        one: '{n} de {respondents} no indicó importancia: ese encuestado se pondera por igual, y cada dimensión que respondió cuenta lo mismo.',
        other: '{n} de {respondents} no indicaron importancia: se ponderan por igual, y cada dimensión que respondieron cuenta lo mismo.',
      },
      'quality.importance-missing-unassigned': {
        one: '{n} de {respondents} no indicó importancia: ese encuestado se pondera por igual, y cada dimensión que respondió cuenta lo mismo salvo «Sin dimensión», que cuenta 0 (como sin ninguna importancia).',
        other: '{n} de {respondents} no indicaron importancia: se ponderan por igual, y cada dimensión que respondieron cuenta lo mismo salvo «Sin dimensión», que cuenta 0 (como sin ninguna importancia).',
      },
      'quality.no-dimension-answered': {
        one: '{n} encuestado solo respondió ítems sin dimensión: queda fuera de la puntuación global.',
        other: '{n} encuestados solo respondieron ítems sin dimensión: quedan fuera de la puntuación global.',
      },
      'quality.no-weighted-dimension-answered': {
        one: '{n} encuestado no respondió ninguna dimensión con peso: queda fuera de la puntuación global.',
        other: '{n} encuestados no respondieron ninguna dimensión con peso: quedan fuera de la puntuación global.',
      },
      'quality.unassigned-items-alone': {
        one: '{n} ítem no pertenece a ninguna dimensión (se muestra como «Sin dimensión»): {items}; la puntuación global se calcula sobre él.',
        other: '{n} ítems no pertenecen a ninguna dimensión (se muestran como «Sin dimensión»): {items}; la puntuación global se calcula sobre ellos.',
      },
      'quality.unassigned-items-equal': {
        one: '{n} ítem no pertenece a ninguna dimensión (se muestra como «Sin dimensión»): {items}; tiene su propia brecha pero no cuenta en la puntuación global.',
        other: '{n} ítems no pertenecen a ninguna dimensión (se muestran como «Sin dimensión»): {items}; tienen brechas propias pero no cuentan en la puntuación global.',
      },
      'quality.unassigned-items-given': {
        one: '{n} ítem no pertenece a ninguna dimensión (se muestra como «Sin dimensión»): {items}; solo cuenta en la puntuación global en la medida en que se indique un peso para «Sin dimensión».',
        other: '{n} ítems no pertenecen a ninguna dimensión (se muestran como «Sin dimensión»): {items}; solo cuentan en la puntuación global en la medida en que se indique un peso para «Sin dimensión».',
      },
      'quality.unassigned-items-importance': {
        one: '{n} ítem no pertenece a ninguna dimensión (se muestra como «Sin dimensión»): {items}; solo cuenta en la puntuación global en la medida en que los encuestados dieron importancia a «Sin dimensión».',
        other: '{n} ítems no pertenecen a ninguna dimensión (se muestran como «Sin dimensión»): {items}; solo cuentan en la puntuación global en la medida en que los encuestados dieron importancia a «Sin dimensión».',
      },
      'quality.thin-items': {
        one: '{n} ítem tiene menos de 2 respuestas: sin intervalo de confianza.',
        other: '{n} ítems tienen menos de 2 respuestas: sin intervalo de confianza.',
      },
      'quality.not-linked': {
        one: '{n} de {respondents} no está vinculado a un cliente conocido: agrupado como «{group}».',
        other: '{n} de {respondents} no están vinculados a un cliente conocido: agrupados como «{group}».',
      },
      'quality.no-purchase': {
        one: '{n} encuestado es un cliente de la lista sin compras, así que no tiene segmento: agrupado como «{group}».',
        other: '{n} encuestados son clientes de la lista sin compras, así que no tienen segmento: agrupados como «{group}».',
      },
      'quality.selected-only': 'Solo los encuestados vinculados a los clientes seleccionados: {respondents}; fuera de la selección: {leftOut}.',
      'quality.selected-only-not-linked':
        'Solo los encuestados vinculados a los clientes seleccionados: {respondents}; fuera de la selección: {leftOut} (de ellos, {notLinked} sin vínculo con un cliente conocido).',
      'quality.weights-unmatched': 'Ninguna dimensión con peso está en la encuesta ({weights}); sus dimensiones son {dimensions}.',
      'quality.split-segment-no-ids': 'La encuesta no tiene ids de cliente, así que no se puede dividir por segmento.',
      'quality.split-rung-no-ids': 'La encuesta no tiene ids de cliente, así que no se puede dividir por peldaño.',
      'quality.split-segment-no-orders': 'Dividir la encuesta por segmento requiere pedidos cargados, con ids de cliente que coincidan con los de la encuesta.',
      'quality.split-rung-no-orders': 'Dividir la encuesta por peldaño requiere pedidos cargados, con ids de cliente que coincidan con los de la encuesta.',
      'quality.split-unknown-attribute': 'La encuesta no tiene el atributo de encuestado «{attribute}».',
      'quality.split-unknown-attribute-options': 'La encuesta no tiene el atributo de encuestado «{attribute}»; se puede dividir por {options}.',

      'voice.no-feedback': 'No hay opiniones cargadas.',
      'voice.pieces-no-customer-id': { one: '{n} opinión sin id de cliente', other: '{n} opiniones sin id de cliente' },
      'voice.pieces-other-customers': { one: '{n} opinión de otros clientes', other: '{n} opiniones de otros clientes' },
      'voice.pieces': { one: '{n} opinión', other: '{n} opiniones' },
      'voice.selected-only': 'Solo los clientes seleccionados.',
      'voice.selected-only-left-out': 'Solo los clientes seleccionados (fuera de la selección: {leftOut}).',
      'voice.selected-only-left-out-both': 'Solo los clientes seleccionados (fuera de la selección: {noCustomerId} y {otherCustomers}).',
      'voice.kinds-all': 'quejas, sugerencias o elogios',
      'voice.kinds-complaint': 'quejas',
      'voice.kinds-suggestion': 'sugerencias',
      'voice.kinds-compliment': 'elogios',
      'voice.kinds-either': '{first} o {second}',
      'voice.none-selected': 'Los clientes seleccionados no dejaron {kinds}.',
      'voice.none-loaded': 'Las opiniones cargadas no tienen {kinds}.',
      'voice.undated': {
        one: '{n} opinión no tiene fecha: queda fuera de los meses.',
        other: '{n} opiniones no tienen fecha: quedan fuera de los meses.',
      },
      'voice.answers-unknown': 'Las opiniones no dicen nada de respuestas (no hay columna de fecha de respuesta ni de estado): se desconoce la proporción respondida.',
      'voice.answers-partly-known': {
        one: '{n} opinión no dice si se respondió: la proporción respondida se calcula sobre {known} que sí lo dicen.',
        other: '{n} opiniones no dicen si se respondieron: la proporción respondida se calcula sobre {known} que sí lo dicen.',
      },
      'voice.answered-undated': {
        one: '{n} opinión respondida no tiene fecha de respuesta (o no tiene fecha): queda fuera del tiempo de respuesta.',
        other: '{n} opiniones respondidas no tienen fecha de respuesta (o no tienen fecha): quedan fuera del tiempo de respuesta.',
      },
      'voice.answered-early': {
        one: '{n} opinión se respondió antes de escribirse (hay fechas erróneas en algún sitio): queda fuera del tiempo de respuesta.',
        other: '{n} opiniones se respondieron antes de escribirse (hay fechas erróneas en algún sitio): quedan fuera del tiempo de respuesta.',
      },
      'voice.no-customer-id': {
        one: '{n} opinión no tiene id de cliente: cuenta en todas partes salvo por cliente.',
        other: '{n} opiniones no tienen id de cliente: cuentan en todas partes salvo por cliente.',
      },
      'voice.no-customer-id-scored': {
        one: '{n} opinión no tiene id de cliente: cuenta en todas partes salvo por cliente, y en «{group}» por segmento.',
        other: '{n} opiniones no tienen id de cliente: cuentan en todas partes salvo por cliente, y en «{group}» por segmento.',
      },
      'voice.customers-not-in-orders': {
        one: '{n} de los {customers} clientes que opinaron no está en los pedidos cargados.',
        other: '{n} de los {customers} clientes que opinaron no están en los pedidos cargados.',
      },
      'voice.customers-not-in-orders-scored': {
        one: '{n} de los {customers} clientes que opinaron no está en los pedidos cargados: se cuenta en «{group}» por segmento.',
        other: '{n} de los {customers} clientes que opinaron no están en los pedidos cargados: se cuentan en «{group}» por segmento.',
      },
      'voice.no-scoring': 'Aún no hay puntuación RFM: puntúe a los clientes para ver las opiniones por segmento.',
      'voice.no-orders': 'No hay pedidos cargados: las opiniones no se pueden dividir por segmento.',
      'voice.other-kinds': {
        one: '{n} opinión más (de otro tipo) no se cuenta aquí.',
        other: '{n} opiniones más (de otros tipos) no se cuentan aquí.',
      },

      'selection.segment-needs-scoring': 'Seleccionar el segmento «{segment}» requiere una puntuación: pida primero los segmentos (scoreOverview).',
      'selection.cell-needs-scoring': 'Seleccionar la celda R por F (R {r}, F {f}) requiere una puntuación: pida primero los segmentos (scoreOverview).',
      'selection.unknown-segment': 'No hay segmento «{segment}» en la puntuación actual; sus segmentos son {segments}.',
      'selection.rung-needs-ladder': 'Seleccionar el peldaño «{rung}» requiere una escalera: pida primero la escalera.',
      'selection.migration-needs-migration': 'Seleccionar la celda de migración «{from}» -> «{to}» requiere una migración: pida primero la migración de segmentos.',
      'selection.unknown-migration-start': 'No hay segmento «{segment}» al inicio de la migración ({period}); sus segmentos son {segments}.',
      'selection.unknown-migration-end': 'No hay segmento «{segment}» al final de la migración ({period}); sus segmentos son {segments}.',

      'chart-export.not-shown': 'El gráfico no está en la página: exporte un gráfico que se muestre.',
      'chart-export.no-size': 'El gráfico no tiene tamaño (¿está oculto?): exporte un gráfico que se muestre.',
      'chart-export.timeout': 'El navegador no dibujó el gráfico en {seconds} s.',
      'chart-export.svg-not-drawn': 'El navegador no pudo dibujar el SVG del gráfico como imagen. La exportación en SVG puede seguir funcionando.',
      'chart-export.csp-blocked':
        "La CSP de la página (img-src) bloqueó las imágenes data:, y pintar el gráfico en un lienzo sin ella también falló. Para exportar PNG, el img-src de la Content-Security-Policy debe permitir URL data: (p. ej., img-src 'self' data:). La exportación en SVG funciona sin ello.",
      'chart-export.csp-blocked-policy':
        "La CSP de la página (img-src) bloqueó las imágenes data:, y pintar el gráfico en un lienzo sin ella también falló. Para exportar PNG, el img-src de la Content-Security-Policy debe permitir URL data: (p. ej., img-src 'self' data:). La exportación en SVG funciona sin ello. Política: {policy}",
      'chart-export.no-canvas': 'Este navegador no tiene un lienzo 2D en el que dibujar.',
      'chart-export.not-encoded': 'El navegador no pudo codificar el PNG (¿el gráfico es demasiado grande?).',
      'chart-export.canvas-unreadable': 'No se pudo leer el lienzo ({reason}).',
    },
    fr: {
      'delivery.on-time': '{onTime} commandes livrées sur {delivered} ({share}\u00a0%) sont arrivées au plus tard le jour promis\u00a0; en retard\u00a0: {late}.',
      'delivery.selected-only': 'Commandes des clients sélectionnés uniquement.',
      'delivery.none-selected': 'Aucun des clients sélectionnés n’a de commande avec une date promise et une date de livraison.',
      'delivery.undelivered': {
        one: '{n} commande avec une date promise n’a pas de date de livraison (pas livrée, ou pas encore) et ne compte ni comme à temps ni comme en retard.',
        other: '{n} commandes avec une date promise n’ont pas de date de livraison (pas livrées, ou pas encore) et ne comptent ni comme à temps ni comme en retard.',
      },
      'delivery.delivered-unreadable': {
        one: '{n} commande avec une date promise a une date de livraison illisible (voir les avertissements du chargement)\u00a0: elle n’est comptée ni comme livrée ou non livrée, ni comme à temps ou en retard.',
        other: '{n} commandes avec une date promise ont des dates de livraison illisibles (voir les avertissements du chargement)\u00a0: elles ne sont comptées ni comme livrées ou non livrées, ni comme à temps ou en retard.',
      },
      'delivery.promised-unreadable': {
        one: '{n} commande livrée a une date promise illisible (voir les avertissements du chargement)\u00a0: elle n’est comptée ni à temps ni en retard.',
        other: '{n} commandes livrées ont des dates promises illisibles (voir les avertissements du chargement)\u00a0: elles ne sont comptées ni à temps ni en retard.',
      },
      'delivery.days-late': 'Les commandes en retard sont arrivées en moyenne avec {mean} jours de retard (médiane {median}, 90e centile {p90}, au plus {max}).',
      'delivery.reviews-unreadable': {
        one: 'La note d’avis de {n} commande n’est pas un nombre (voir les avertissements du chargement) et reste hors de la comparaison.',
        other: 'Les notes d’avis de {n} commandes ne sont pas des nombres (voir les avertissements du chargement) et restent hors de la comparaison.',
      },
      'delivery.review-scale': 'Les notes d’avis ont été lues sur une échelle de {min} à {max} (la plus haute est {largest}, la plus basse {smallest}).',
      'delivery.scores-gap-up': 'Les commandes en retard ont obtenu {late} (n {lateN}) contre {onTime} pour celles livrées à temps (n {onTimeN})\u00a0: un écart de +{gap}{ci}.',
      'delivery.scores-gap-down': 'Les commandes en retard ont obtenu {late} (n {lateN}) contre {onTime} pour celles livrées à temps (n {onTimeN})\u00a0: un écart de {gap}{ci}.',
      'delivery.scores-ci': ' (IC à 95\u00a0% de {low} à {high})',
      'delivery.only-on-time-scored': 'Seules les commandes livrées à temps ont une note d’avis\u00a0: pas de comparaison entre retard et à temps.',
      'delivery.only-late-scored': 'Seules les commandes en retard ont une note d’avis\u00a0: pas de comparaison entre retard et à temps.',
      'delivery.no-review-readable': {
        one: 'Aucune note d’avis des commandes n’a pu être lue ({n} n’est pas un nombre\u00a0; voir les avertissements du chargement)\u00a0: impossible de comparer la satisfaction des commandes en retard à celle des commandes à temps.',
        other: 'Aucune note d’avis des commandes n’a pu être lue ({n} ne sont pas des nombres\u00a0; voir les avertissements du chargement)\u00a0: impossible de comparer la satisfaction des commandes en retard à celle des commandes à temps.',
      },
      'delivery.no-review-score':
        'Les commandes ne portent pas de note d’avis\u00a0: impossible de comparer la satisfaction des commandes en retard à celle des commandes à temps (une colonne de note d’avis dans les commandes le permet).',

      'quality.respondents': { one: '{n} répondant', other: '{n} répondants' },
      'quality.no-customers-loaded': 'L’enquête a des identifiants client, mais aucune commande ni liste de clients n’est chargée\u00a0: chargez-les pour répartir les écarts par segment ou échelon.',
      'quality.no-respondent-linked': 'Aucun identifiant client des répondants ne correspond à un client chargé\u00a0: les écarts ne peuvent pas être répartis par segment ou échelon.',
      'quality.weight-ignored': 'Un poids est indiqué pour «\u00a0{dimension}\u00a0», mais aucune question n’appartient à cette dimension\u00a0: il est ignoré.',
      'quality.unweighted': {
        one: 'Pas de poids pour {dimensions}\u00a0: elle ne compte pas dans le score global.',
        other: 'Pas de poids pour {dimensions}\u00a0: elles ne comptent pas dans le score global.',
      },
      'quality.weighted-given': 'Score global pondéré par les poids indiqués\u00a0: {weights}.',
      'quality.weighted-given-over-importance': 'Score global pondéré par les poids indiqués\u00a0: {weights} (ils remplacent l’importance donnée par les répondants eux-mêmes).',
      'quality.weighted-importance': 'Score global pondéré par l’importance que chaque répondant donne aux dimensions, sur les dimensions auxquelles il a répondu.',
      'quality.weighted-equal': 'Pas d’importance dans l’enquête\u00a0: toutes les dimensions comptent autant.',
      'quality.importance-missing': {
        one: '{n} sur {respondents} n’a pas indiqué d’importance\u00a0: ce répondant est pondéré à parts égales, chaque dimension répondue comptant autant.',
        other: '{n} sur {respondents} n’ont pas indiqué d’importance\u00a0: ils sont pondérés à parts égales, chaque dimension répondue comptant autant.',
      },
      'quality.importance-missing-unassigned': {
        one: '{n} sur {respondents} n’a pas indiqué d’importance\u00a0: ce répondant est pondéré à parts égales, chaque dimension répondue comptant autant sauf «\u00a0Sans dimension\u00a0», qui compte 0 (comme sans aucune importance).',
        other: '{n} sur {respondents} n’ont pas indiqué d’importance\u00a0: ils sont pondérés à parts égales, chaque dimension répondue comptant autant sauf «\u00a0Sans dimension\u00a0», qui compte 0 (comme sans aucune importance).',
      },
      'quality.no-dimension-answered': {
        one: '{n} répondant n’a répondu qu’à des questions sans dimension\u00a0: il est exclu du score global.',
        other: '{n} répondants n’ont répondu qu’à des questions sans dimension\u00a0: ils sont exclus du score global.',
      },
      'quality.no-weighted-dimension-answered': {
        one: '{n} répondant n’a répondu à aucune dimension pondérée\u00a0: il est exclu du score global.',
        other: '{n} répondants n’ont répondu à aucune dimension pondérée\u00a0: ils sont exclus du score global.',
      },
      'quality.unassigned-items-alone': {
        one: '{n} question n’appartient à aucune dimension (affichée comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; le score global porte sur elle.',
        other: '{n} questions n’appartiennent à aucune dimension (affichées comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; le score global porte sur elles.',
      },
      'quality.unassigned-items-equal': {
        one: '{n} question n’appartient à aucune dimension (affichée comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elle a son propre écart mais ne compte pas dans le score global.',
        other: '{n} questions n’appartiennent à aucune dimension (affichées comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elles ont leurs propres écarts mais ne comptent pas dans le score global.',
      },
      'quality.unassigned-items-given': {
        one: '{n} question n’appartient à aucune dimension (affichée comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elle ne compte dans le score global que si un poids est indiqué pour «\u00a0Sans dimension\u00a0».',
        other: '{n} questions n’appartiennent à aucune dimension (affichées comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elles ne comptent dans le score global que si un poids est indiqué pour «\u00a0Sans dimension\u00a0».',
      },
      'quality.unassigned-items-importance': {
        one: '{n} question n’appartient à aucune dimension (affichée comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elle ne compte dans le score global que dans la mesure où les répondants ont donné de l’importance à «\u00a0Sans dimension\u00a0».',
        other: '{n} questions n’appartiennent à aucune dimension (affichées comme «\u00a0Sans dimension\u00a0»)\u00a0: {items}\u00a0; elles ne comptent dans le score global que dans la mesure où les répondants ont donné de l’importance à «\u00a0Sans dimension\u00a0».',
      },
      'quality.thin-items': {
        one: '{n} question a moins de 2 réponses\u00a0: pas d’intervalle de confiance.',
        other: '{n} questions ont moins de 2 réponses\u00a0: pas d’intervalle de confiance.',
      },
      'quality.not-linked': {
        one: '{n} sur {respondents} n’est rattaché à aucun client connu\u00a0: regroupé sous «\u00a0{group}\u00a0».',
        other: '{n} sur {respondents} ne sont rattachés à aucun client connu\u00a0: regroupés sous «\u00a0{group}\u00a0».',
      },
      'quality.no-purchase': {
        one: '{n} répondant est un client de la liste sans achat, donc sans segment\u00a0: regroupé sous «\u00a0{group}\u00a0».',
        other: '{n} répondants sont des clients de la liste sans achat, donc sans segment\u00a0: regroupés sous «\u00a0{group}\u00a0».',
      },
      'quality.selected-only': 'Seuls les répondants rattachés aux clients sélectionnés\u00a0: {respondents}\u00a0; hors sélection\u00a0: {leftOut}.',
      'quality.selected-only-not-linked':
        'Seuls les répondants rattachés aux clients sélectionnés\u00a0: {respondents}\u00a0; hors sélection\u00a0: {leftOut} (dont {notLinked} rattachés à aucun client connu).',
      'quality.weights-unmatched': 'Aucune dimension pondérée ne figure dans l’enquête ({weights})\u00a0; ses dimensions sont {dimensions}.',
      'quality.split-segment-no-ids': 'L’enquête n’a pas d’identifiants client\u00a0: elle ne peut pas être répartie par segment.',
      'quality.split-rung-no-ids': 'L’enquête n’a pas d’identifiants client\u00a0: elle ne peut pas être répartie par échelon.',
      'quality.split-segment-no-orders': 'Répartir l’enquête par segment demande des commandes chargées, avec des identifiants client correspondant à ceux de l’enquête.',
      'quality.split-rung-no-orders': 'Répartir l’enquête par échelon demande des commandes chargées, avec des identifiants client correspondant à ceux de l’enquête.',
      'quality.split-unknown-attribute': 'L’enquête n’a pas d’attribut de répondant «\u00a0{attribute}\u00a0».',
      'quality.split-unknown-attribute-options': 'L’enquête n’a pas d’attribut de répondant «\u00a0{attribute}\u00a0»\u00a0; elle peut être répartie par {options}.',

      'voice.no-feedback': 'Aucun retour client n’est chargé.',
      'voice.pieces-no-customer-id': { one: '{n} retour sans identifiant client', other: '{n} retours sans identifiant client' },
      'voice.pieces-other-customers': { one: '{n} retour d’autres clients', other: '{n} retours d’autres clients' },
      'voice.pieces': { one: '{n} retour', other: '{n} retours' },
      'voice.selected-only': 'Clients sélectionnés uniquement.',
      'voice.selected-only-left-out': 'Clients sélectionnés uniquement (hors sélection\u00a0: {leftOut}).',
      'voice.selected-only-left-out-both': 'Clients sélectionnés uniquement (hors sélection\u00a0: {noCustomerId} et {otherCustomers}).',
      'voice.kinds-all': 'réclamations, suggestions ou compliments',
      'voice.kinds-complaint': 'réclamations',
      'voice.kinds-suggestion': 'suggestions',
      'voice.kinds-compliment': 'compliments',
      'voice.kinds-either': '{first} ou {second}',
      'voice.none-selected': 'Pas de {kinds} des clients sélectionnés.',
      'voice.none-loaded': 'Les retours chargés ne contiennent pas de {kinds}.',
      'voice.undated': {
        one: '{n} retour n’a pas de date\u00a0: il est exclu des mois.',
        other: '{n} retours n’ont pas de date\u00a0: ils sont exclus des mois.',
      },
      'voice.answers-unknown': 'Les retours ne disent rien des réponses (pas de colonne de date de réponse ni de statut)\u00a0: la part avec réponse est inconnue.',
      'voice.answers-partly-known': {
        one: '{n} retour ne dit pas s’il a reçu une réponse\u00a0: la part avec réponse porte sur {known} qui le disent.',
        other: '{n} retours ne disent pas s’ils ont reçu une réponse\u00a0: la part avec réponse porte sur {known} qui le disent.',
      },
      'voice.answered-undated': {
        one: '{n} retour avec réponse n’a pas de date de réponse (ou pas de date)\u00a0: il est exclu du délai de réponse.',
        other: '{n} retours avec réponse n’ont pas de date de réponse (ou pas de date)\u00a0: ils sont exclus du délai de réponse.',
      },
      'voice.answered-early': {
        one: '{n} retour a reçu une réponse avant d’être écrit (des dates sont fausses quelque part)\u00a0: il est exclu du délai de réponse.',
        other: '{n} retours ont reçu une réponse avant d’être écrits (des dates sont fausses quelque part)\u00a0: ils sont exclus du délai de réponse.',
      },
      'voice.no-customer-id': {
        one: '{n} retour n’a pas d’identifiant client\u00a0: compté partout sauf par client.',
        other: '{n} retours n’ont pas d’identifiant client\u00a0: comptés partout sauf par client.',
      },
      'voice.no-customer-id-scored': {
        one: '{n} retour n’a pas d’identifiant client\u00a0: compté partout sauf par client, et sous «\u00a0{group}\u00a0» par segment.',
        other: '{n} retours n’ont pas d’identifiant client\u00a0: comptés partout sauf par client, et sous «\u00a0{group}\u00a0» par segment.',
      },
      'voice.customers-not-in-orders': {
        one: '{n} des {customers} clients ayant donné un avis n’est pas dans les commandes chargées.',
        other: '{n} des {customers} clients ayant donné un avis ne sont pas dans les commandes chargées.',
      },
      'voice.customers-not-in-orders-scored': {
        one: '{n} des {customers} clients ayant donné un avis n’est pas dans les commandes chargées\u00a0: compté sous «\u00a0{group}\u00a0» par segment.',
        other: '{n} des {customers} clients ayant donné un avis ne sont pas dans les commandes chargées\u00a0: comptés sous «\u00a0{group}\u00a0» par segment.',
      },
      'voice.no-scoring': 'Pas encore de score RFM\u00a0: calculez les scores des clients pour voir les retours par segment.',
      'voice.no-orders': 'Aucune commande chargée\u00a0: les retours ne peuvent pas être répartis par segment.',
      'voice.other-kinds': {
        one: '{n} autre retour (d’un autre type) n’est pas compté ici.',
        other: '{n} autres retours (d’autres types) ne sont pas comptés ici.',
      },

      'selection.segment-needs-scoring': 'Sélectionner le segment «\u00a0{segment}\u00a0» demande un score\u00a0: demandez d’abord les segments (scoreOverview).',
      'selection.cell-needs-scoring': 'Sélectionner la cellule R par F (R {r}, F {f}) demande un score\u00a0: demandez d’abord les segments (scoreOverview).',
      'selection.unknown-segment': 'Il n’y a pas de segment «\u00a0{segment}\u00a0» dans le score actuel\u00a0; ses segments sont {segments}.',
      'selection.rung-needs-ladder': 'Sélectionner l’échelon «\u00a0{rung}\u00a0» demande une échelle\u00a0: demandez d’abord l’échelle.',
      'selection.migration-needs-migration': 'Sélectionner la cellule de migration «\u00a0{from}\u00a0» -> «\u00a0{to}\u00a0» demande une migration\u00a0: demandez d’abord la migration des segments.',
      'selection.unknown-migration-start': 'Il n’y a pas de segment «\u00a0{segment}\u00a0» au début de la migration ({period})\u00a0; ses segments sont {segments}.',
      'selection.unknown-migration-end': 'Il n’y a pas de segment «\u00a0{segment}\u00a0» à la fin de la migration ({period})\u00a0; ses segments sont {segments}.',

      'chart-export.not-shown': 'Le graphique n’est pas dans la page\u00a0: exportez un graphique affiché.',
      'chart-export.no-size': 'Le graphique n’a pas de taille (est-il masqué\u00a0?)\u00a0: exportez un graphique affiché.',
      'chart-export.timeout': 'Le navigateur n’a pas dessiné le graphique en {seconds} s.',
      'chart-export.svg-not-drawn': 'Le navigateur n’a pas pu dessiner le SVG du graphique comme image. L’export SVG peut encore fonctionner.',
      'chart-export.csp-blocked':
        "La CSP de la page (img-src) a bloqué les images data:, et peindre le graphique sur un canevas sans elle a échoué aussi. Pour exporter en PNG, l’img-src de la Content-Security-Policy doit autoriser les URL data: (p. ex. img-src 'self' data:). L’export SVG fonctionne sans cela.",
      'chart-export.csp-blocked-policy':
        "La CSP de la page (img-src) a bloqué les images data:, et peindre le graphique sur un canevas sans elle a échoué aussi. Pour exporter en PNG, l’img-src de la Content-Security-Policy doit autoriser les URL data: (p. ex. img-src 'self' data:). L’export SVG fonctionne sans cela. Politique\u00a0: {policy}",
      'chart-export.no-canvas': 'Ce navigateur n’a pas de canevas 2D pour dessiner.',
      'chart-export.not-encoded': 'Le navigateur n’a pas pu encoder le PNG (le graphique est-il trop grand\u00a0?).',
      'chart-export.canvas-unreadable': 'Le canevas n’a pas pu être lu ({reason}).',
    },
    ms: {
      'delivery.on-time': '{onTime} daripada {delivered} pesanan yang dihantar ({share}%) tiba pada atau sebelum hari yang dijanjikan; {late} lewat.',
      'delivery.selected-only': 'Pesanan pelanggan yang dipilih sahaja.',
      'delivery.none-selected': 'Tiada pelanggan yang dipilih mempunyai pesanan dengan tarikh dijanjikan dan tarikh penghantaran.',
      'delivery.undelivered': {
        other: '{n} pesanan dengan tarikh janji tiada tarikh penghantaran (tidak dihantar, atau belum) dan tidak dikira sebagai tepat masa atau lewat.',
      },
      'delivery.delivered-unreadable': {
        other: '{n} pesanan dengan tarikh janji mempunyai tarikh penghantaran yang tidak dapat dibaca (lihat amaran muatan): tidak dikira sebagai dihantar, belum dihantar, tepat masa atau lewat.',
      },
      'delivery.promised-unreadable': {
        other: '{n} pesanan yang dihantar mempunyai tarikh janji yang tidak dapat dibaca (lihat amaran muatan): tidak dikira sebagai tepat masa atau lewat.',
      },
      'delivery.days-late': 'Pesanan lewat tiba purata {mean} hari lewat (median {median}, persentil ke-90 {p90}, paling lama {max}).',
      'delivery.reviews-unreadable': {
        other: 'Skor ulasan bagi {n} pesanan bukan nombor (lihat amaran muatan) dan diketepikan daripada perbandingan.',
      },
      'delivery.review-scale': 'Skor ulasan dibaca pada skala {min}–{max} (skor tertinggi {largest}, terendah {smallest}).',
      'delivery.scores-gap-up': 'Pesanan lewat mendapat skor {late} (n {lateN}) berbanding {onTime} bagi pesanan tepat masa (n {onTimeN}): jurang +{gap}{ci}.',
      'delivery.scores-gap-down': 'Pesanan lewat mendapat skor {late} (n {lateN}) berbanding {onTime} bagi pesanan tepat masa (n {onTimeN}): jurang {gap}{ci}.',
      'delivery.scores-ci': ' (SK 95% {low} hingga {high})',
      'delivery.only-on-time-scored': 'Hanya pesanan yang dihantar tepat masa mempunyai skor ulasan, jadi tiada perbandingan antara lewat dan tepat masa.',
      'delivery.only-late-scored': 'Hanya pesanan lewat mempunyai skor ulasan, jadi tiada perbandingan antara lewat dan tepat masa.',
      'delivery.no-review-readable': {
        other: 'Tiada skor ulasan pesanan yang dapat dibaca ({n} bukan nombor; lihat amaran muatan), jadi kepuasan pesanan lewat tidak dapat dibandingkan dengan pesanan tepat masa.',
      },
      'delivery.no-review-score':
        'Pesanan tiada skor ulasan, jadi kepuasan pesanan lewat tidak dapat dibandingkan dengan pesanan tepat masa (lajur skor ulasan dalam pesanan membolehkannya).',

      'quality.respondents': { other: '{n} responden' },
      'quality.no-customers-loaded': 'Tinjauan mempunyai id pelanggan, tetapi tiada pesanan atau senarai pelanggan dimuatkan: muatkannya untuk membahagikan jurang mengikut segmen atau anak tangga.',
      'quality.no-respondent-linked': 'Tiada id pelanggan responden yang sepadan dengan pelanggan yang dimuatkan: jurang tidak dapat dibahagikan mengikut segmen atau anak tangga.',
      'quality.weight-ignored': 'Pemberat diberi untuk "{dimension}", tetapi tiada item dalam dimensi itu: ia diabaikan.',
      'quality.unweighted': { other: 'Tiada pemberat untuk {dimensions}: tidak dikira dalam skor keseluruhan.' },
      'quality.weighted-given': 'Skor keseluruhan diberi pemberat mengikut pemberat yang ditetapkan: {weights}.',
      'quality.weighted-given-over-importance': 'Skor keseluruhan diberi pemberat mengikut pemberat yang ditetapkan: {weights} (menggantikan kepentingan yang diberi oleh responden sendiri).',
      'quality.weighted-importance': 'Skor keseluruhan diberi pemberat mengikut kepentingan dimensi bagi setiap responden sendiri, merangkumi dimensi yang dijawabnya.',
      'quality.weighted-equal': 'Tiada kepentingan dalam tinjauan: setiap dimensi dikira sama.',
      'quality.importance-missing': {
        other: '{n} daripada {respondents} tidak memberi kepentingan: mereka diberi pemberat sama rata, setiap dimensi yang dijawab dikira sama.',
      },
      'quality.importance-missing-unassigned': {
        other: '{n} daripada {respondents} tidak memberi kepentingan: mereka diberi pemberat sama rata, setiap dimensi yang dijawab dikira sama kecuali "Tiada dimensi", yang dikira 0 (seperti tanpa kepentingan langsung).',
      },
      'quality.no-dimension-answered': { other: '{n} responden hanya menjawab item tanpa dimensi: diketepikan daripada skor keseluruhan.' },
      'quality.no-weighted-dimension-answered': { other: '{n} responden tidak menjawab sebarang dimensi berpemberat: diketepikan daripada skor keseluruhan.' },
      'quality.unassigned-items-alone': {
        other: '{n} item tidak tergolong dalam mana-mana dimensi (ditunjukkan sebagai "Tiada dimensi"): {items}; skor keseluruhan dikira atas item tersebut.',
      },
      'quality.unassigned-items-equal': {
        other: '{n} item tidak tergolong dalam mana-mana dimensi (ditunjukkan sebagai "Tiada dimensi"): {items}; item tersebut mempunyai jurang sendiri tetapi tidak dikira dalam skor keseluruhan.',
      },
      'quality.unassigned-items-given': {
        other: '{n} item tidak tergolong dalam mana-mana dimensi (ditunjukkan sebagai "Tiada dimensi"): {items}; item tersebut dikira dalam skor keseluruhan hanya setakat pemberat diberi kepada "Tiada dimensi".',
      },
      'quality.unassigned-items-importance': {
        other: '{n} item tidak tergolong dalam mana-mana dimensi (ditunjukkan sebagai "Tiada dimensi"): {items}; item tersebut dikira dalam skor keseluruhan hanya setakat responden memberi kepentingan kepada "Tiada dimensi".',
      },
      'quality.thin-items': { other: '{n} item mempunyai kurang daripada 2 jawapan: tiada selang keyakinan.' },
      'quality.not-linked': { other: '{n} daripada {respondents} tidak dipadankan dengan pelanggan yang dikenali: dikumpulkan sebagai "{group}".' },
      'quality.no-purchase': { other: '{n} responden ialah pelanggan dalam senarai tanpa pembelian, jadi tiada segmen: dikumpulkan sebagai "{group}".' },
      'quality.selected-only': 'Hanya responden yang dipadankan dengan pelanggan terpilih: {respondents}; {leftOut} diketepikan.',
      'quality.selected-only-not-linked':
        'Hanya responden yang dipadankan dengan pelanggan terpilih: {respondents}; {leftOut} diketepikan ({notLinked} daripadanya tidak dipadankan dengan pelanggan yang dikenali).',
      'quality.weights-unmatched': 'Tiada dimensi berpemberat dalam tinjauan ({weights}); dimensinya ialah {dimensions}.',
      'quality.split-segment-no-ids': 'Tinjauan tiada id pelanggan, jadi tidak dapat dibahagikan mengikut segmen.',
      'quality.split-rung-no-ids': 'Tinjauan tiada id pelanggan, jadi tidak dapat dibahagikan mengikut anak tangga.',
      'quality.split-segment-no-orders': 'Membahagikan tinjauan mengikut segmen memerlukan pesanan dimuatkan, dengan id pelanggan yang sepadan dengan id dalam tinjauan.',
      'quality.split-rung-no-orders': 'Membahagikan tinjauan mengikut anak tangga memerlukan pesanan dimuatkan, dengan id pelanggan yang sepadan dengan id dalam tinjauan.',
      'quality.split-unknown-attribute': 'Tinjauan tiada atribut responden "{attribute}".',
      'quality.split-unknown-attribute-options': 'Tinjauan tiada atribut responden "{attribute}"; ia boleh dibahagikan mengikut {options}.',

      'voice.no-feedback': 'Tiada maklum balas dimuatkan.',
      'voice.pieces-no-customer-id': { other: '{n} maklum balas tanpa id pelanggan' },
      'voice.pieces-other-customers': { other: '{n} maklum balas daripada pelanggan lain' },
      'voice.pieces': { other: '{n} maklum balas' },
      'voice.selected-only': 'Pelanggan terpilih sahaja.',
      'voice.selected-only-left-out': 'Pelanggan terpilih sahaja ({leftOut} diketepikan).',
      'voice.selected-only-left-out-both': 'Pelanggan terpilih sahaja ({noCustomerId} dan {otherCustomers} diketepikan).',
      'voice.kinds-all': 'aduan, cadangan atau pujian',
      'voice.kinds-complaint': 'aduan',
      'voice.kinds-suggestion': 'cadangan',
      'voice.kinds-compliment': 'pujian',
      'voice.kinds-either': '{first} atau {second}',
      'voice.none-selected': 'Pelanggan terpilih tidak memberi sebarang {kinds}.',
      'voice.none-loaded': 'Maklum balas yang dimuatkan tiada {kinds}.',
      'voice.undated': { other: '{n} maklum balas tiada tarikh: diketepikan daripada bulan.' },
      'voice.answers-unknown': 'Maklum balas tidak menyatakan apa-apa tentang jawapan (tiada lajur tarikh jawapan atau status): bahagian yang dijawab tidak diketahui.',
      'voice.answers-partly-known': {
        other: '{n} maklum balas tidak menyatakan sama ada telah dijawab: bahagian yang dijawab dikira daripada {known} yang menyatakannya.',
      },
      'voice.answered-undated': { other: '{n} maklum balas yang dijawab tiada tarikh jawapan (atau tiada tarikh): diketepikan daripada masa menjawab.' },
      'voice.answered-early': { other: '{n} maklum balas dijawab sebelum ditulis (ada tarikh yang salah): diketepikan daripada masa menjawab.' },
      'voice.no-customer-id': { other: '{n} maklum balas tiada id pelanggan: dikira di semua tempat kecuali mengikut pelanggan.' },
      'voice.no-customer-id-scored': {
        other: '{n} maklum balas tiada id pelanggan: dikira di semua tempat kecuali mengikut pelanggan, dan di bawah "{group}" mengikut segmen.',
      },
      'voice.customers-not-in-orders': { other: '{n} daripada {customers} pelanggan yang memberi maklum balas tiada dalam pesanan yang dimuatkan.' },
      'voice.customers-not-in-orders-scored': {
        other: '{n} daripada {customers} pelanggan yang memberi maklum balas tiada dalam pesanan yang dimuatkan: dikira di bawah "{group}" mengikut segmen.',
      },
      'voice.no-scoring': 'Belum ada pemarkahan RFM: beri skor kepada pelanggan untuk melihat maklum balas mengikut segmen.',
      'voice.no-orders': 'Tiada pesanan dimuatkan: maklum balas tidak dapat dibahagikan mengikut segmen.',
      'voice.other-kinds': { other: '{n} maklum balas lain (jenis lain) tidak dikira di sini.' },

      'selection.segment-needs-scoring': 'Memilih segmen "{segment}" memerlukan pemarkahan: minta segmen dahulu (scoreOverview).',
      'selection.cell-needs-scoring': 'Memilih sel R mengikut F (R {r}, F {f}) memerlukan pemarkahan: minta segmen dahulu (scoreOverview).',
      'selection.unknown-segment': 'Tiada segmen "{segment}" dalam pemarkahan semasa; segmennya ialah {segments}.',
      'selection.rung-needs-ladder': 'Memilih anak tangga "{rung}" memerlukan tangga: minta tangga dahulu.',
      'selection.migration-needs-migration': 'Memilih sel migrasi "{from}" -> "{to}" memerlukan migrasi: minta migrasi segmen dahulu.',
      'selection.unknown-migration-start': 'Tiada segmen "{segment}" pada permulaan migrasi ({period}); segmennya ialah {segments}.',
      'selection.unknown-migration-end': 'Tiada segmen "{segment}" pada akhir migrasi ({period}); segmennya ialah {segments}.',

      'chart-export.not-shown': 'Carta tiada dalam halaman: eksport carta yang dipaparkan.',
      'chart-export.no-size': 'Carta tiada saiz (adakah ia tersembunyi?): eksport carta yang dipaparkan.',
      'chart-export.timeout': 'Pelayar tidak melukis carta dalam masa {seconds} s.',
      'chart-export.svg-not-drawn': 'Pelayar tidak dapat melukis SVG carta sebagai imej. Eksport SVG mungkin masih berfungsi.',
      'chart-export.csp-blocked':
        "CSP halaman (img-src) menyekat imej data:, dan melukis carta terus pada kanvas tanpanya juga gagal. Untuk mengeksport PNG, img-src dalam Content-Security-Policy mesti membenarkan URL data: (cth. img-src 'self' data:). Eksport SVG berfungsi tanpanya.",
      'chart-export.csp-blocked-policy':
        "CSP halaman (img-src) menyekat imej data:, dan melukis carta terus pada kanvas tanpanya juga gagal. Untuk mengeksport PNG, img-src dalam Content-Security-Policy mesti membenarkan URL data: (cth. img-src 'self' data:). Eksport SVG berfungsi tanpanya. Dasar: {policy}",
      'chart-export.no-canvas': 'Pelayar ini tiada kanvas 2D untuk melukis.',
      'chart-export.not-encoded': 'Pelayar tidak dapat mengekod PNG (adakah carta terlalu besar?).',
      'chart-export.canvas-unreadable': 'Kanvas tidak dapat dibaca ({reason}).',
    },
  },
);
