// Loaded with the reception screens and the reception picker (see bundle.ts).
import { addBundle } from "./bundle";
import en from "./receptions.en.json";
import vi from "./receptions.vi.json";

addBundle(vi, en);
