export interface Config {
  /** Configuration of the Reliability Hub backend. */
  reliability?: {
    demoData?: {
      /**
       * Fill the database with the Acme Shop demo records on start. Idempotent:
       * records that exist are left alone. Keep it off in production.
       */
      enabled?: boolean;
    };
  };
}
