export { BudgetBurndownChart } from './BudgetBurndownChart';
