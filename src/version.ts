/** pome's version, recorded in meta.json and served by /healthz. */
export const POME_VERSION = "0.1.0";
