import { declareMarkedType, type MarkedType } from "../marked-type.js";

export const ENGAGEMENT: MarkedType = declareMarkedType({ type: "Engagement" });
export const PRACTICE: MarkedType = declareMarkedType({ type: "Practice" });
