package dev.ion.server.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown document, read from its fenced blocks:
 * <ul>
 * <li>a block whose info string is {@code LANG file=PATH} holds a file the examples use;</li>
 * <li>a plain block starting with {@code $ } is a terminal transcript: each {@code $ } line
 *     (with its {@code \}-continued lines) is a command and the lines up to the next
 *     {@code $ } are its output; {@code $ websocat URL} is a WebSocket session whose lines
 *     are the frames typed and received;</li>
 * <li>a {@code sh} block followed directly by a plain block is a script and its output.</li>
 * </ul>
 * Other blocks are prose: commands that never end ({@code ./ion serve}) or need a
 * particular machine.
 */
final class Readme {
    private static final Pattern FILE_INFO = Pattern.compile("\\S+\\s+file=(\\S+)");

    /** A file to create before running the examples. */
    record Fixture(int line, String path, String content) {
    }

    /** One runnable example; {@code line} is where it is in the document (1-based). */
    sealed interface Example {
        int line();

        String title();
    }

    /** A bash command (from the repository root) and the output shown for it. */
    record Command(int line, String command, List<String> output) implements Example {
        @Override
        public String title() {
            return "$ " + command.lines().findFirst().orElse("");
        }
    }

    /** A WebSocket session: {@code lines} alternate between frames typed and frames shown in reply. */
    record WebSocketSession(int line, String url, List<String> lines) implements Example {
        @Override
        public String title() {
            return "websocat " + url;
        }
    }

    private record Block(int line, int end, String info, List<String> lines) {
    }

    private final List<Fixture> fixtures = new ArrayList<>();
    private final List<Example> examples = new ArrayList<>();

    private Readme() {
    }

    List<Fixture> fixtures() {
        return fixtures;
    }

    List<Example> examples() {
        return examples;
    }

    static Readme parse(List<String> document) {
        Readme readme = new Readme();
        List<Block> blocks = blocks(document);
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            Matcher file = FILE_INFO.matcher(block.info());
            if (file.matches()) {
                readme.fixtures.add(new Fixture(block.line(), file.group(1), String.join("\n", block.lines()) + "\n"));
            } else if (block.info().isEmpty() && !block.lines().isEmpty() && block.lines().get(0).startsWith("$ ")) {
                readme.transcript(block);
            } else if (block.info().equals("sh") && b + 1 < blocks.size() && blocks.get(b + 1).info().isEmpty()
                    && directlyFollows(document, block, blocks.get(b + 1))) {
                readme.examples.add(new Command(block.line(), String.join("\n", block.lines()), blocks.get(b + 1).lines()));
                b++;
            }
        }
        return readme;
    }

    private void transcript(Block block) {
        List<String> lines = block.lines();
        int i = 0;
        while (i < lines.size()) {
            int line = block.line() + 1 + i;
            StringBuilder command = new StringBuilder(lines.get(i).substring(2));
            while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                command.append('\n').append(lines.get(++i));
            }
            List<String> output = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) output.add(lines.get(i));
            String text = command.toString();
            if (text.startsWith("websocat ")) {
                examples.add(new WebSocketSession(line, text.substring("websocat ".length()).strip(), output));
            } else {
                examples.add(new Command(line, text, output));
            }
        }
    }

    private static boolean directlyFollows(List<String> document, Block first, Block second) {
        for (int i = first.end() + 1; i < second.line() - 1; i++) {
            if (!document.get(i).isBlank()) return false;
        }
        return true;
    }

    /** The fenced blocks; {@code line} is the 1-based line of the opening fence, {@code end} the 0-based index of the closing one. */
    private static List<Block> blocks(List<String> document) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < document.size(); i++) {
            String open = document.get(i);
            if (!open.startsWith("```")) continue;
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < document.size() && !document.get(j).strip().equals("```")) body.add(document.get(j++));
            blocks.add(new Block(i + 1, j, open.substring(3).strip(), body));
            i = j;
        }
        return blocks;
    }
}
