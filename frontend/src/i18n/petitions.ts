// Loaded with the petitions screens (see bundle.ts).
import { addBundle } from "./bundle";
import en from "./petitions.en.json";
import vi from "./petitions.vi.json";

addBundle(vi, en);
