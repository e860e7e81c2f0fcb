/**
 * Where a JSON text first goes wrong. V8's JSON.parse messages do not always carry a
 * position ("Unexpected token ']', …" is not valid JSON"), and a scenario error must
 * name its line, so invalid JSON is re-scanned by this small strict reader.
 */

export interface JsonProblem {
  offset: number;
  message: string;
}

export function locateJsonError(text: string): JsonProblem | null {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: Math.min(at, text.length), message } satisfies JsonProblem;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? "end of input" : `\`${text[i]}\``);

  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`unexpected ${describe()}: expected a value`);
  };
  const object = () => {
    i++;
    space();
    if (text[i] === "}") return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail(text[i] === "}" ? "trailing comma before `}`" : `unexpected ${describe()}: expected a "quoted" property name`);
      string();
      space();
      if (text[i] !== ":") fail(`unexpected ${describe()}: expected \`:\` after the property name`);
      i++;
      value();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      fail(`unexpected ${describe()}: expected \`,\` or \`}\``);
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === "]") return void i++;
    for (;;) {
      space();
      if (text[i] === "]") fail("trailing comma before `]`");
      value();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return void i++;
      fail(`unexpected ${describe()}: expected \`,\` or \`]\``);
    }
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") fail("line break inside a string");
      if (text[i] === "\\") {
        i++;
        if (!'"\\/bfnrtu'.includes(text[i] ?? "")) fail(`invalid escape \`\\${text[i] ?? ""}\``);
        if (text[i] === "u" && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("invalid \\u escape");
      }
      i++;
    }
    if (i >= text.length) fail("unterminated string", start);
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(`invalid number`);
    i += match![0].length;
  };

  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error && typeof error === "object" && "offset" in error) return error as JsonProblem;
    throw error;
  }
}
