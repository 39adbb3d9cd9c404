import type { FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-110m.json?url";
import geo from "../generated/geo.json";

export interface Shape {
  /** ISO numeric code of the shape (world-atlas ids), absent for shapes the source gives none (Kosovo, N. Cyprus). */
  id?: string;
  name: string;
  geometry: Geometry;
}

/** Natural Earth 1:110m country shapes, served from Concert's own origin as a build asset. */
export async function loadShapes(): Promise<Shape[]> {
  const response = await fetch(atlasUrl);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return collection.features.map((f) => ({
    id: f.id === undefined ? undefined : String(f.id),
    name: f.properties.name,
    geometry: f.geometry,
  }));
}

/** A representative point [longitude, latitude] of a country, from world-countries, for those drawn as dots. */
export function countryPoint(code: string): [number, number] | null {
  const entry = (geo as unknown as Record<string, { n: string | null; p: [number, number] }>)[code];
  return entry ? entry.p : null;
}

export type Placement = "shape" | "dot" | "none";

/**
 * How the map draws a country Concert knows: by its shape when the source has one for its ISO numeric (M49) code,
 * as a dot when the source is too coarse for it but it has a numeric code and a point, else listed as without shape
 * (Kosovo has no ISO numeric code, and the source's Kosovo shape has no id).
 */
export function placement(m49: string | null | undefined, code: string, shapeIds: Set<string>): Placement {
  if (m49 && shapeIds.has(m49)) return "shape";
  if (m49 && countryPoint(code)) return "dot";
  return "none";
}
