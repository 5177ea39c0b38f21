// The import screen's words, added to the one namespace when this module loads (the domain
// registry, src/app/domains.ts, loads it with the screen).
import { addBundle } from "../../../i18n/bundle";
import en from "./en.json";
import vi from "./vi.json";

addBundle(vi, en);

export { en, vi };
