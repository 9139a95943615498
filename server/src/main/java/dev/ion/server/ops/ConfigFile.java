package dev.ion.server.ops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ion.protocol.UserText;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the {@code --config} file (YAML, or JSON by its extension) into a {@link ServerConfig}
 * and words every mistake for the operator: the file, line and column, the key path
 * ({@code apiKeys[0].name}) and what the key must be — never the Java types behind it.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * The config in {@code file}; an unreadable file is an {@link IOException} ("no such
     * file"), a readable one with mistakes an {@link IllegalArgumentException}.
     */
    static ServerConfig read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied", e);
        } catch (IOException e) {
            throw new IOException(Files.isDirectory(file) ? "is a directory" : UserText.clean(e.getMessage(), "unreadable"), e);
        }
        try {
            ServerConfig c = mapper.readValue(bytes, ServerConfig.class);
            return c == null ? new ServerConfig() : c;
        } catch (JsonProcessingException e) {
            YamlProblem yaml = YamlProblem.of(e);
            if (yaml != null) throw new IllegalArgumentException(file + yaml.at() + ": not valid YAML: " + yaml.text(), e);
            throw new IllegalArgumentException(file + at(e) + ": " + describe(e), e);
        }
    }

    /**
     * The YAML parser's report (context, snippet, problem, snippet) reduced to the problem,
     * its context and the problem's line and column.
     */
    private record YamlProblem(String text, String at) {
        private static final java.util.regex.Pattern MARK =
                java.util.regex.Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):?$");

        static YamlProblem of(JsonProcessingException e) {
            if (e instanceof JsonMappingException || !e.getClass().getName().contains("yaml")) return null;
            String message = e.getOriginalMessage();
            if (message == null || !message.contains("\n")) return null;
            java.util.List<String> texts = new java.util.ArrayList<>();
            String at = "";
            for (String line : message.split("\n")) {
                java.util.regex.Matcher m = MARK.matcher(line);
                if (m.matches()) at = ", line " + m.group(1) + ", column " + m.group(2);
                else if (!line.startsWith("    ") && !line.isBlank()) texts.add(line.strip());
            }
            if (texts.isEmpty()) return null;
            String problem = texts.get(texts.size() - 1);
            String text = texts.size() > 1 ? problem + " (" + texts.get(0) + ")" : problem;
            return new YamlProblem(UserText.clean(text, "syntax error"), at);
        }
    }

    private static String at(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        // The start of the offending token (a key, a value) rather than where the parser stopped after it.
        if (e instanceof JsonMappingException && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p
                && p.currentTokenLocation() != null && p.currentTokenLocation().getLineNr() > 0) {
            loc = p.currentTokenLocation();
        }
        if (loc == null || loc.getLineNr() < 1) return "";
        return ", line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + path(u) + "'" + known(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + path(f) + "' must be " + expected(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && !path(m).isEmpty()) {
            return "'" + path(m) + "' must be " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m) {
            return UserText.clean(m.getOriginalMessage(), "the file does not describe a server configuration");
        }
        return "not valid " + (e.getClass().getName().contains("yaml") ? "YAML" : "JSON") + ": "
                + UserText.clean(e.getOriginalMessage(), "syntax error");
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", " (known keys: ", ")"));
    }

    private static String expected(Class<?> type) {
        if (type == null) return "another kind of value";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (Map.class.isAssignableFrom(type)) return "a mapping of names to values";
        return "a mapping of keys to values";
    }

    /** {@code apiKeys[0].name} from the mapper's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
