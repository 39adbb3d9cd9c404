import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CONCERT_EXTENSION_ID, CONCERT_EXTENSION_SCHEMA } from "@concert/exchange";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

/** The OASIS STIX 2.1 JSON schemas, as published (/work/shared/standards, see its README). */
const STANDARDS = process.env.CONCERT_STANDARDS_DIR ?? join(__dirname, "../../../shared/standards");
const ROOT = join(STANDARDS, "stix2.1-json-schemas/schemas");
const BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/** The types bundle.json lists by name (its other branch refuses everything, see bundleProblems). */
const BUNDLE_NAMED = new Set(["identity", "report", "marking-definition", "relationship", "sighting", "indicator", "malware", "tool"]);

/** One ajv instance holding every OASIS schema (by its $id) and Concert's extension schema. */
export function stixValidator() {
  // unicodeRegExp off: the OASIS patterns escape `-` outside classes, which a `u` regular expression refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const folder of ["common", "sdos", "sros", "observables"]) {
    for (const file of readdirSync(join(ROOT, folder))) {
      if (file.endsWith(".json")) ajv.addSchema(JSON.parse(readFileSync(join(ROOT, folder, file), "utf8")));
    }
  }
  ajv.addSchema(CONCERT_EXTENSION_SCHEMA as object);
  const ext = (name: string) => `${CONCERT_EXTENSION_SCHEMA.$id}#/$defs/${name}`;
  const schemaOf = (type: string): string => {
    for (const folder of ["sdos", "sros", "common"]) {
      try {
        readFileSync(join(ROOT, folder, `${type}.json`));
        return `${BASE}${folder}/${type}.json`;
      } catch {}
    }
    return `${BASE}common/core.json`;
  };
  /** The problems of one object: against its OASIS schema, and its Concert extension against Concert's schema. */
  function problems(object: Record<string, unknown>): string[] {
    const found: string[] = [];
    const check = (ref: string, value: unknown) => {
      const validate = ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema ${ref}`);
      if (!validate(value)) found.push(`${object.id} against ${ref}: ${ajv.errorsText(validate.errors)}`);
    };
    check(schemaOf(String(object.type)), object);
    if (String(object.type).startsWith("concert-")) check(ext(String(object.type)), object);
    const extension = (object.extensions as Record<string, { extension_type: string }> | undefined)?.[CONCERT_EXTENSION_ID];
    if (extension) check(ext(extension.extension_type), extension);
    return found;
  }
  return {
    problems,
    /**
     * The bundle against bundle.json. As published (3bf9e69), bundle.json names only some types; every other object
     * (grouping, location, note, opinion, extension-definition, and any custom type) goes to a branch that asks for
     * exactly one of core.json and cyber-observable-core.json, which every such object matches both of, so no bundle
     * holding one can pass. The bundle is therefore checked with the objects bundle.json names, and each other
     * object is checked against its own schema by `problems`, which the tests run on every object.
     */
    bundleProblems: (bundle: { objects: { type: string }[] }) => {
      const validate = ajv.getSchema(`${BASE}common/bundle.json`)!;
      const named = bundle.objects.filter((o) => BUNDLE_NAMED.has(o.type));
      if (named.length === 0) return ["no object of a type bundle.json names"];
      return validate({ ...bundle, objects: named }) ? [] : [ajv.errorsText(validate.errors)];
    },
  };
}
