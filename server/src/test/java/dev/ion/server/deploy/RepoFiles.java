package dev.ion.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's deployment files (k8s/, deploy/) read as YAML or JSON trees for the checks. */
final class RepoFiles {
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private RepoFiles() {
    }

    /** The repository root: the nearest directory above the working directory that has {@code deploy/}. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("deploy")) && Files.isDirectory(p.resolve("k8s")))) {
            p = p.getParent();
        }
        if (p == null) throw new AssertionError("no directory with deploy/ and k8s/ above " + Path.of("").toAbsolutePath());
        return p;
    }

    static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) throw new AssertionError(relative + " does not exist");
        return p;
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document (the file must hold exactly one). */
    static JsonNode yaml(String relative) {
        List<JsonNode> docs = yamlDocuments(path(relative));
        if (docs.size() != 1) throw new AssertionError(relative + ": expected one YAML document, found " + docs.size());
        return docs.get(0);
    }

    static JsonNode yamlText(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not valid YAML: " + e.getMessage() + "\n" + text, e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new AssertionError(relative + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Every document of a (possibly multi-document) YAML file, empty documents skipped. */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) out.add(n);
            }
        } catch (IOException e) {
            throw new AssertionError(root().relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    /** Files directly in a directory of the repository, sorted, with one of the given suffixes. */
    static List<Path> list(String dir, String... suffixes) {
        try (Stream<Path> s = Files.list(path(dir))) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(x -> f.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
