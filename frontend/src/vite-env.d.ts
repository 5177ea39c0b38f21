/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** API origin; "" means the same origin as the app. */
  readonly VITE_API_BASE_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
