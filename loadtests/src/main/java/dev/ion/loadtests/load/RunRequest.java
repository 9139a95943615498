package dev.ion.loadtests.load;

/**
 * One run the load generator asks for: the histogram it is recorded in ({@code label}), the
 * script and its limits (a JSON object, or null for the server's defaults). The HTTP body and
 * the WebSocket frame are rendered once, since the same few requests are sent millions of times.
 */
record RunRequest(String label, String source, String limitsJson, String httpBody) {

    static RunRequest of(String label, String source, String limitsJson) {
        String fields = "\"source\":" + FrameFields.quote(source) + (limitsJson == null ? "" : ",\"limits\":" + limitsJson);
        return new RunRequest(label, source, limitsJson, "{" + fields + "}");
    }

    /** The WebSocket {@code run} frame for this request, tagged with {@code ref}. */
    String wsFrame(String ref) {
        return "{\"type\":\"run\",\"ref\":\"" + ref + "\"," + httpBody.substring(1);
    }
}
