import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CONCERT_EXTENSION_ID, CONCERT_EXTENSION_SCHEMA } from "@concert/exchange";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

/** The OASIS STIX 2.1 JSON schemas, as published (/work/shared/standards, see its README). */
const STANDARDS = process.env.CONCERT_STANDARDS_DIR ?? join(__dirname, "../../../shared/standards");
const ROOT = join(STANDARDS, "stix2.1-json-schemas/schemas");
const BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/**
 * bundle.json as published (3bf9e69) with its one defect corrected, and nothing else changed. An object whose type
 * bundle.json does not name (grouping, location, note, opinion, extension-definition, any custom type) goes to its
 * second branch, which asks for `oneOf` core.json and cyber-observable-core.json; every such object matches both, so
 * `oneOf` fails and no bundle holding one can pass. `anyOf` is what the branch means (the specification allows these
 * objects in a bundle). Each object is in any case checked against its own schema by `problems`, which the tests run
 * on every object. The copy is made only if the published file still has exactly that defect.
 */
function correctedBundleSchema(): Record<string, unknown> {
  const published = JSON.parse(readFileSync(join(ROOT, "common", "bundle.json"), "utf8"));
  const other = published.properties.objects.items.anyOf[1].allOf[0];
  const defect = JSON.stringify({ oneOf: [{ $ref: "../common/core.json" }, { $ref: "../common/cyber-observable-core.json" }] });
  if (JSON.stringify(other) !== defect) throw new Error("bundle.json changed: check whether the correction below is still needed");
  other.anyOf = other.oneOf;
  delete other.oneOf;
  return { ...published, $id: `${BASE}common/bundle-oneof-corrected.json` };
}

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
  ajv.addSchema(correctedBundleSchema());
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
    /** The bundle against bundle.json, with its one defect corrected (see correctedBundleSchema). */
    bundleProblems: (bundle: object) => {
      const validate = ajv.getSchema(`${BASE}common/bundle-oneof-corrected.json`)!;
      return validate(bundle) ? [] : [ajv.errorsText(validate.errors)];
    },
    /** The bundle against bundle.json exactly as published: what the correction is for. */
    publishedBundleProblems: (bundle: object) => {
      const validate = ajv.getSchema(`${BASE}common/bundle.json`)!;
      return validate(bundle) ? [] : [ajv.errorsText(validate.errors)];
    },
  };
}
