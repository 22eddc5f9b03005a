/**
 * The spend ledger as the cost modules import it. The records and the file ledger moved to src/store
 * (behind the MoneyStore interface); these names stay so the cost modules need no edit until the
 * charge guard moves onto that interface.
 */
export { Ledger } from '../store/file-ledger.js';
export {
  type ConfirmedBy,
  countedCredits,
  type LedgerRecord,
  LOCAL_PRINCIPAL,
  type Outcome,
  utcDay,
} from '../store/ledger-record.js';
