package dev.ion.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files that lead nowhere: a file that does not exist, or an
 * {@code #anchor} that matches no heading of the target (headings turned into anchors the
 * way GitHub does). Web links are not followed; links inside code blocks are not links.
 */
final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private MarkdownLinks() {
    }

    /** One problem per broken link, as {@code FILE:LINE: TARGET: why}. */
    static List<String> broken(Path root, List<Path> documents) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path doc : documents) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("```")) code = !code;
                if (code) continue;
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String why = check(doc, m.group(1));
                    if (why != null) problems.add(root.relativize(doc) + ":" + (i + 1) + ": " + m.group(1) + ": " + why);
                }
            }
        }
        return problems;
    }

    private static String check(Path doc, String target) throws IOException {
        if (target.matches("[a-z]+:.*")) return null;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) return "no such file";
        if (hash < 0 || !resolved.toString().endsWith(".md")) return null;
        String anchor = target.substring(hash + 1);
        boolean code = false;
        for (String line : Files.readAllLines(resolved, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) code = !code;
            if (!code && line.startsWith("#") && slug(line.replaceFirst("^#+", "")).equals(anchor)) return null;
        }
        return "no heading with this anchor";
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces turned into hyphens. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
