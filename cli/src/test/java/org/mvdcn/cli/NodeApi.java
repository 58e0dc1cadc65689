package org.mvdcn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The web API of a node on this machine, over real HTTP, as a client (a script, the page) asks it. */
final class NodeApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    NodeApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** {@code bearer}: the access token, null for none. */
    HttpResponse<byte[]> send(String method, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The answer's status; -1 while nothing listens (the node is still starting). */
    int status(String method, String path, String bearer) throws IOException, InterruptedException {
        try {
            return send(method, path, bearer).statusCode();
        } catch (ConnectException notYet) {
            return -1;
        }
    }

    /** A GET's JSON answer; a status other than 200 fails with the answer. */
    JsonNode get(String path, String bearer) throws IOException, InterruptedException {
        return found(path, bearer).orElseThrow(() -> new AssertionError("GET " + path + ": HTTP 404"));
    }

    /** A GET's JSON answer, empty on 404 (the node knows no such thing); another status than 200 fails with the answer. */
    Optional<JsonNode> found(String path, String bearer) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send("GET", path, bearer);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return Optional.of(JSON.readTree(r.body()));
    }
}
