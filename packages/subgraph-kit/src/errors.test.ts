import { GraphQLError } from "graphql";
import { badUserInput, maskErrors } from "./errors.js";

const mask = maskErrors(() => undefined);
const format = (error: GraphQLError) =>
  mask({ message: error.message, path: ["x"], extensions: { ...error.extensions, stacktrace: ["at secret.ts:1"] } }, error);

describe("error masking", () => {
  it("passes deliberate errors through with their code and field, without a stack trace", () => {
    const error = new GraphQLError("bad", { originalError: badUserInput("input.probability", "must be between 0 and 1") });
    const formatted = mask(
      { message: "must be between 0 and 1", extensions: { code: "BAD_USER_INPUT", field: "input.probability", stacktrace: ["…"] } },
      error,
    );
    expect(formatted).toEqual({ message: "must be between 0 and 1", extensions: { code: "BAD_USER_INPUT", field: "input.probability" } });
  });

  it("masks anything unexpected: no SQL, no constraint names, no stack", () => {
    const sql = new Error('duplicate key value violates unique constraint "pledge_pkey" in insert into "pledge"');
    const formatted = format(new GraphQLError(sql.message, { originalError: sql, extensions: { code: "INTERNAL_SERVER_ERROR" } }));
    expect(formatted).toEqual({ message: "Internal server error", path: ["x"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("masks errors that merely claim a known code", () => {
    const sneaky = Object.assign(new Error("select * from secrets"), { extensions: { code: "FORBIDDEN" } });
    const formatted = mask(
      { message: sneaky.message, extensions: { code: "INTERNAL_SERVER_ERROR" } },
      new GraphQLError(sneaky.message, { originalError: sneaky }),
    );
    expect(formatted.message).toBe("Internal server error");
  });
});
