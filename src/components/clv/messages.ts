import { defineCatalog } from '../base/i18n.js';

/**
 * `<rapport-clv>`: the predicted customer value, its headline figures, the calibration-vs-holdout
 * check (chart, totals, table) and the fitted models. The model's own notes are notices
 * (base/notices/clv.ts).
 */
export const messages = defineCatalog('clv', {
  empty: 'No model fitted yet.',
  title: 'Predicted customer value',
  'figure.customers': 'Customers',
  'figure.expected.day': { one: 'Expected purchases, next {n} day', other: 'Expected purchases, next {n} days' },
  'figure.expected.week': { one: 'Expected purchases, next {n} week', other: 'Expected purchases, next {n} weeks' },
  'figure.clv-total': { one: 'Total lifetime value, next {n} month', other: 'Total lifetime value, next {n} months' },
  'figure.clv-mean': 'Mean lifetime value per customer',
  'figure.probably-lost': 'Customers with P(alive) below {threshold}',
  'holdout.title': 'Does the model predict well? Calibration vs holdout',
  'holdout.intro.day': {
    one: 'Fitted on purchases up to {date}, the model predicted each customer’s purchases in the next {n} day (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}.',
    other:
      'Fitted on purchases up to {date}, the model predicted each customer’s purchases in the next {n} days (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}.',
  },
  'holdout.intro.week': {
    one: 'Fitted on purchases up to {date}, the model predicted each customer’s purchases in the next {n} week (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}.',
    other:
      'Fitted on purchases up to {date}, the model predicted each customer’s purchases in the next {n} weeks (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}.',
  },
  'holdout.none':
    'To check the model against what customers did next, fit it with the last months of orders held out, or up to a calibration end date: its predictions for the months after are then compared with the purchases customers made.',
  'holdout.none.notes': 'The model could not be checked against what customers did next: the notes below say why.',
  'legend.predicted': 'Predicted by the model (hatched bar, diamond)',
  'legend.actual': 'Actually bought (solid bar, circle)',
  'axis.size': 'n = {count}',
  'axis.x': 'Repeat purchases up to the calibration end',
  'axis.y': 'Mean purchases in the holdout',
  'chart.help': 'Use the arrow keys to move between groups; Home and End go to the first and the last.',
  'frequency.or-more-short': '{freq}+',
  'frequency.or-more': '{freq} or more',
  group: {
    one: 'Repeat purchases up to {date}: {freq} ({count} customer). Predicted {predicted}, actual {actual} purchases per customer in the holdout.',
    other: 'Repeat purchases up to {date}: {freq} ({count} customers). Predicted {predicted}, actual {actual} purchases per customer in the holdout.',
  },
  totals: {
    one: 'All {count} customer: the model predicted {predicted} purchases in the holdout and {actual} were made; the prediction is {ratio} of the actual.',
    other: 'All {count} customers: the model predicted {predicted} purchases in the holdout and {actual} were made; the prediction is {ratio} of the actual.',
  },
  'totals.no-actual': {
    one: 'All {count} customer: the model predicted {predicted} purchases in the holdout; none were made.',
    other: 'All {count} customers: the model predicted {predicted} purchases in the holdout; none were made.',
  },
  'table.caption': 'Predicted and actual purchases in the holdout, by repeat purchases up to the calibration end',
  'col.frequency': 'Repeat purchases in calibration',
  'col.customers': 'Customers',
  'col.predicted': 'Predicted (mean)',
  'col.actual': 'Actual (mean)',
  'col.difference': 'Actual − predicted',
  'row.all': 'All customers',
  'model.title': 'The fitted models',
  'model.bgnbd': 'Purchase model (BG/NBD)',
  'model.gamma-gamma': 'Spend model (Gamma-Gamma)',
  'param.r': 'shape of purchase rates',
  'param.alpha': 'scale of purchase rates',
  'param.a': 'drop-out, first shape',
  'param.b': 'drop-out, second shape',
  'param.p': 'shape of order values',
  'param.q': 'shape of mean spends',
  'param.v': 'scale of mean spends',
  'model.fitted': { one: 'Log-likelihood {loglik}, fitted on {count} customer.', other: 'Log-likelihood {loglik}, fitted on {count} customers.' },
  'model.fitted-repeat': {
    one: 'Log-likelihood {loglik}, fitted on {count} repeat buyer.',
    other: 'Log-likelihood {loglik}, fitted on {count} repeat buyers.',
  },
  'model.not-fitted': 'Not fitted: see the notes.',
  'conv.converged': {
    one: 'Converged: {agreeing} of {n} starting point reached the same optimum.',
    other: 'Converged: {agreeing} of {n} starting points reached the same optimum.',
  },
  'conv.not-converged': 'Did not converge (gradient norm {gradient}): treat these figures with caution.',
  'conv.boundary': 'Did not converge: a parameter ran to the edge of the search (the data do not pin it down).',
  'conv.unidentifiable': 'These data cannot identify the model: see the notes.',
  'independence.holds': {
    one: 'Frequency–spend independence holds: r = {r} among {count} repeat buyer, within ±{threshold}.',
    other: 'Frequency–spend independence holds: r = {r} among {count} repeat buyers, within ±{threshold}.',
  },
  'independence.fails': {
    one: 'Frequency–spend independence fails: r = {r} among {count} repeat buyer, beyond ±{threshold}; the spend values may be biased.',
    other: 'Frequency–spend independence fails: r = {r} among {count} repeat buyers, beyond ±{threshold}; the spend values may be biased.',
  },
  'independence.unknown': 'Frequency–spend independence could not be checked.',
  'independence.none': 'Frequency–spend independence not checked: there are no repeat buyers.',
  'model.horizon.day': { one: 'Expected purchases over the {n} day after {date}.', other: 'Expected purchases over the {n} days after {date}.' },
  'model.horizon.week': { one: 'Expected purchases over the {n} week after {date}.', other: 'Expected purchases over the {n} weeks after {date}.' },
  'model.value': {
    one: 'Lifetime value over {n} month, discounted at {rate} a month.',
    other: 'Lifetime value over {n} months, discounted at {rate} a month.',
  },
  'figure.customers-selected': 'Selected customers',
  'figure.everyone': 'Everyone: {value}',
  'figure.selected': {
    one: 'Selected customers with a prediction: {count} of {total}. The figures are theirs; everyone’s is under each.',
    other: 'Selected customers with a prediction: {count} of {total}. The figures are theirs; everyone’s is under each.',
  },
  'holdout.check-intro.day': {
    one: 'To check it, the model was fitted again on the purchases up to {date} only, and predicted each customer’s purchases in the next {n} day (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}. The figures above come from the model fitted on every purchase.',
    other:
      'To check it, the model was fitted again on the purchases up to {date} only, and predicted each customer’s purchases in the next {n} days (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}. The figures above come from the model fitted on every purchase.',
  },
  'holdout.check-intro.week': {
    one: 'To check it, the model was fitted again on the purchases up to {date} only, and predicted each customer’s purchases in the next {n} week (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}. The figures above come from the model fitted on every purchase.',
    other:
      'To check it, the model was fitted again on the purchases up to {date} only, and predicted each customer’s purchases in the next {n} weeks (to {end}). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to {date}. The figures above come from the model fitted on every purchase.',
  },
  'groups.title': 'Where the value is',
  'groups.by': 'Group the value by',
  'groups.by.segment': 'Segment',
  'groups.by.rung': 'Place on the ladder',
  'groups.intro': {
    one: 'Each bar is a group’s predicted lifetime value over the next {n} month, added up over its customers.',
    other: 'Each bar is a group’s predicted lifetime value over the next {n} months, added up over its customers.',
  },
  'groups.intro.selected': {
    one: 'The solid part of each bar is the selected customers’ predicted lifetime value over the next {n} month; the pale bar behind it is everyone’s in the group. The other columns count the selected customers.',
    other:
      'The solid part of each bar is the selected customers’ predicted lifetime value over the next {n} months; the pale bar behind it is everyone’s in the group. The other columns count the selected customers.',
  },
  'groups.caption.segment': { one: 'Predicted lifetime value by segment, next {n} month', other: 'Predicted lifetime value by segment, next {n} months' },
  'groups.caption.rung': {
    one: 'Predicted lifetime value by place on the ladder, next {n} month',
    other: 'Predicted lifetime value by place on the ladder, next {n} months',
  },
  'groups.caption.segment.selected': {
    one: 'Predicted lifetime value of the selected customers by segment, next {n} month',
    other: 'Predicted lifetime value of the selected customers by segment, next {n} months',
  },
  'groups.caption.rung.selected': {
    one: 'Predicted lifetime value of the selected customers by place on the ladder, next {n} month',
    other: 'Predicted lifetime value of the selected customers by place on the ladder, next {n} months',
  },
  'gcol.group.segment': 'Segment',
  'gcol.group.rung': 'Place on the ladder',
  'gcol.customers': 'Customers',
  'gcol.customers-selected': 'Selected customers',
  'gcol.total': 'Lifetime value',
  'gcol.total-everyone': 'Everyone’s lifetime value',
  'gcol.share': 'Share of the value',
  'gcol.mean': 'Mean per customer',
  'gcol.alive': 'Mean P(alive)',
  'gcol.lost': 'P(alive) below {threshold}',
  'grow.all': 'All customers',
  'grow.all-selected': 'All selected customers',
  lost: '{count} ({share})',
  'notes.title': 'Notes on the fit',
});
