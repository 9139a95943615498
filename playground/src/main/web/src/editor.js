// The CodeMirror editor: Ion highlighting, a lint gutter for run errors, Ctrl/Cmd-Enter to run.
// CodeMirror's basic setup without bracket auto-closing and completion: what is typed is
// what is sent, and Ion has no completion source to offer.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine,
} from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { history, defaultKeymap, historyKeymap } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { ion } from "./ion-language.js";

export function createEditor(parent, doc, onRun, nonce) {
  const extensions = [
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }])),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap]),
    ion,
    lintGutter(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": "Ion source" }),
  ];
  if (nonce) extensions.push(EditorView.cspNonce.of(nonce));
  return new EditorView({ doc, parent, extensions });
}
/** Range of an error at 1-based line and column: the word (or character) it points at. */
function range(doc, line, column) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const col = Math.min(Math.max(column, 1) - 1, l.length);
  const from = l.from + col;
  const rest = l.text.slice(col);
  const word = /^[A-Za-z_0-9]+/.exec(rest);
  let to = from + (word ? word[0].length : Math.min(1, rest.length));
  if (to === from && from > l.from) return { from: from - 1, to: from }; // at the end of the line
  return { from, to };
}

/** Underlines each error ({kind, message, line, column}) that has a position. */
export function showErrors(view, errors) {
  const diagnostics = errors.filter((e) => e.line > 0).map((e) => ({
    ...range(view.state.doc, e.line, e.column),
    severity: "error",
    source: e.kind,
    message: `${e.kind} error: ${e.message}`,
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

export function clearErrors(view) {
  view.dispatch(setDiagnostics(view.state, []));
}
