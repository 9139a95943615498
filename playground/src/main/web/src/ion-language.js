// Ion syntax highlighting for CodeMirror: a small stream tokenizer following LANGUAGE.md §1
// (keywords, numbers, strings with f-string holes, bytes, labels, comments, operators).
import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set(("let mut fn match if else for while loop break continue return in as "
  + "async spawn await select try catch use").split(" "));
const ATOMS = new Set(["true", "false", "None", "Some", "Ok", "Err"]);
const OPERATOR = /^(?:\.\.\.|\.\.=|\.\.|=>|::|\|>|&&|\|\||<<|>>|[-+*/%=!<>]=?|[&|^?])/;

function top(state) {
  return state.ctx[state.ctx.length - 1];
}

function stringBody(stream, state, str) {
  while (!stream.eol()) {
    if (stream.match(str.triple ? '"""' : '"')) {
      state.ctx.pop();
      return "string";
    }
    const ch = stream.next();
    if (ch === "\\") {
      stream.next();
    } else if (str.fmt && ch === "{") {
      if (stream.eat("{")) continue;
      state.ctx.push({ kind: "hole", depth: 0 });
      return "string";
    } else if (str.fmt && ch === "}") {
      stream.eat("}");
    }
  }
  if (!str.triple) state.ctx.pop(); // an unterminated one-line string ends with its line
  return "string";
}

function token(stream, state) {
  const t = top(state);
  if (t && t.kind === "string") return stringBody(stream, state, t);
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  const quote = stream.match(/^([fb]?)("""|")/);
  if (quote) {
    state.ctx.push({ kind: "string", fmt: quote[1] === "f", triple: quote[2].length === 3 });
    return stringBody(stream, state, top(state));
  }
  if (stream.match(/^'[A-Za-z_]\w*/)) return "labelName";
  if (stream.match(/^\d[\d_]*(?:\.\d[\d_]*)?/)) return "number";
  if (stream.match(/^[A-Za-z_]\w*/)) {
    const word = stream.current();
    if (KEYWORDS.has(word)) return "keyword";
    if (ATOMS.has(word)) return "atom";
    if (stream.peek() === "(") return "variableName.function";
    return "variableName";
  }
  if (t && t.kind === "hole") {
    if (stream.match("#{") || stream.eat("{")) {
      t.depth++;
      return "brace";
    }
    if (stream.eat("}")) {
      if (t.depth === 0) {
        state.ctx.pop(); // back inside the f-string
        return "string";
      }
      t.depth--;
      return "brace";
    }
  }
  if (stream.match("#{")) return "brace";
  if (stream.match(OPERATOR)) return "operator";
  const ch = stream.next();
  if ("{}".includes(ch)) return "brace";
  if ("()".includes(ch)) return "paren";
  if ("[]".includes(ch)) return "squareBracket";
  return "punctuation";
}

export const ion = StreamLanguage.define({
  name: "ion",
  startState: () => ({ ctx: [] }),
  copyState: (s) => ({ ctx: s.ctx.map((c) => ({ ...c })) }),
  token,
  languageData: { commentTokens: { line: "//" }, closeBrackets: { brackets: ["(", "[", "{", '"'] } },
});
