export * from "./ide.js";
