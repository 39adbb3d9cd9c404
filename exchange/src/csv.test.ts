import { csvCell, csvHead, csvLine } from "./csv.js";

describe("CSV cells", () => {
  it("escapes text a spreadsheet would run as a formula, and leaves numbers alone", () => {
    expect(csvCell("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(3.5)).toBe("3.5");
    expect(csvCell(null)).toBe("");
  });

  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(csvLine(["a,b", 'say "hi"', "line\nbreak", 1])).toBe('"a,b","say ""hi""","line\nbreak",1\r\n');
    expect(csvLine(['=HYPERLINK("x")'])).toBe('"\'=HYPERLINK(""x"")"\r\n');
  });

  it("starts with a byte-order mark, the headers and the HXL row", () => {
    expect(csvHead([{ header: "Country code", hxl: "#country+code", value: () => "SSD" }])).toBe("\uFEFFCountry code\r\n#country+code\r\n");
  });
});
