package org.mvdcn.serve.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.mvdcn.dicom.DicomUid;
import org.mvdcn.serve.CallerText;
import org.mvdcn.serve.DicomNode;
import org.mvdcn.serve.NodeMetrics;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;

/**
 * The node's web page and JSON API (Javalin, in the node's process): the worklist and study pages,
 * the studies as JSON, reprocessing, health, Prometheus metrics and the OpenAPI document that
 * describes them. Every route but {@code /api/health} needs the access token, given as
 * {@code Authorization: Bearer TOKEN} or, for a browser, once as {@code ?token=TOKEN}, which is
 * then kept in a same-site, HTTP-only cookie (as Jupyter does). No response carries the patient's
 * name or ID unless the node was started with {@code --show-patient}.
 */
public final class WebServer implements AutoCloseable {

    /** One route: what {@code openapi.json} documents (the test checks the two agree). */
    public record Route(HandlerType method, String path, boolean open) {}

    private static final String COOKIE = "mvdcn_token";
    /** The pages a person opens: the only addresses that may carry the token (once, from the link printed at start). */
    private static final Set<String> PAGES = Set.of("/", "/study");
    private static final String RESOURCES = "/org/mvdcn/serve/web/";
    private static final Pattern PICTURE = Pattern.compile("(L|R)-(CC|MLO)(-saliency)?\\.png|saliency-panel\\.png");
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** The routes, in the order they are matched. */
    public static List<Route> routes() {
        return List.of(new Route(HandlerType.GET, "/api/health", true), new Route(HandlerType.GET, "/api/studies", false),
                new Route(HandlerType.GET, "/api/studies/{uid}", false),
                new Route(HandlerType.POST, "/api/studies/{uid}/reprocess", false),
                new Route(HandlerType.GET, "/api/studies/{uid}/images/{name}", false), new Route(HandlerType.GET, "/metrics", false),
                new Route(HandlerType.GET, "/openapi.json", false), new Route(HandlerType.GET, "/", false),
                new Route(HandlerType.GET, "/study", false), new Route(HandlerType.GET, "/assets/{name}", false));
    }

    public static WebServer start(DicomNode node, WebConfig config, Consumer<String> log) throws IOException {
        AccessToken token = AccessToken.load(config.tokenFile(), log);
        Map<String, Handler> handlers = Map.of("/api/health", ctx -> health(ctx, node),
                "/api/studies", ctx -> studies(ctx, node),
                "/api/studies/{uid}", ctx -> study(ctx, node, config.showPatient()),
                "/api/studies/{uid}/reprocess", ctx -> reprocess(ctx, node),
                "/api/studies/{uid}/images/{name}", ctx -> picture(ctx, node),
                "/metrics", ctx -> ctx.contentType(NodeMetrics.contentType()).result(node.metrics().scrape()),
                "/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"),
                "/", ctx -> resource(ctx, "worklist.html", "text/html; charset=utf-8"),
                "/study", ctx -> resource(ctx, "study.html", "text/html; charset=utf-8"),
                "/assets/{name}", WebServer::asset);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.bind();
            cfg.jetty.port = config.port();
            cfg.routes.before(ctx -> authorise(ctx, token, log));
            for (Route r : routes()) {
                cfg.routes.addHttpHandler(r.method(), r.path(), handlers.get(r.path()));
            }
            cfg.routes.exception(BadParameter.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.accept("web: " + ctx.method() + " " + CallerText.printable(ctx.path()) + " failed: " + e);
                error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
            });
        });
        app.start();
        log.accept("web page and API on http://" + config.bind() + ":" + app.port() + "/ (token in " + config.tokenFile() + ")");
        return new WebServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void authorise(Context ctx, AccessToken token, Consumer<String> log) {
        if (ctx.path().equals("/api/health")) {
            return;
        }
        String query = ctx.queryParam("token");
        if (query != null && !(PAGES.contains(ctx.path()) && ctx.method() == HandlerType.GET)) {
            // an address is kept in proxies' logs and the browser's history: only a page's link may carry the token, once
            refuse(ctx, log, "an access token in the address: send it as 'Authorization: Bearer TOKEN'");
            return;
        }
        if (token.matches(query)) {
            // a browser opening the link printed at start: keep the token in a cookie, drop it from the address bar
            ctx.header("Set-Cookie", COOKIE + "=" + token.value() + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        String header = ctx.header("Authorization");
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        if (token.matches(bearer) || token.matches(ctx.cookie(COOKIE))) {
            return;
        }
        refuse(ctx, log, (bearer == null && ctx.cookie(COOKIE) == null && query == null ? "missing" : "wrong")
                + " access token: send 'Authorization: Bearer TOKEN' (the token is in the node's --token-file), "
                + "or open the page once as /?token=TOKEN");
    }

    private static void refuse(Context ctx, Consumer<String> log, String reason) {
        log.accept("web: refused " + ctx.method() + " " + CallerText.printable(ctx.path()) + " from " + ctx.ip() + ": " + reason);
        ctx.header("WWW-Authenticate", "Bearer realm=\"mvdcn\"");
        error(ctx, HttpStatus.UNAUTHORIZED, reason);
        ctx.skipRemainingHandlers();
    }

    private static String withoutToken(Context ctx) {
        StringBuilder query = new StringBuilder();
        ctx.queryParamMap().forEach((k, values) -> {
            if (!k.equals("token")) {
                for (String v : values) {
                    query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            }
        });
        return ctx.path() + query;
    }

    private static void health(Context ctx, DicomNode node) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("status", "ok").put("model", node.model());
        o.put("queued", node.jobs().count(StudyState.QUEUED));
        o.put("running", node.jobs().count(StudyState.RUNNING));
        ctx.json(o);
    }

    private static void studies(Context ctx, DicomNode node) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("offset", offset).put("limit", limit);
        ArrayNode list = o.putArray("studies");
        for (StudyJob job : node.jobs().list(offset, limit)) {
            list.add(StudyJson.summary(job));
        }
        ctx.json(o);
    }

    private static void study(Context ctx, DicomNode node, boolean showPatient) {
        Optional<StudyJob> job = job(ctx, node);
        job.ifPresent(j -> ctx.json(StudyJson.detail(j, node.folders().results(j.studyUid(), node.model()),
                node.studyFolder(j.studyUid()), showPatient)));
    }

    private static void reprocess(Context ctx, DicomNode node) {
        Optional<StudyJob> job = job(ctx, node);
        if (job.isEmpty()) {
            return;
        }
        if (node.reprocess(job.get().studyUid())) {
            ctx.status(HttpStatus.ACCEPTED).json(JsonNodeFactory.instance.objectNode().put("status", StudyState.QUEUED.label()));
        } else {
            error(ctx, HttpStatus.CONFLICT, "study is " + job.get().state().label() + ": only a done or failed study can be reprocessed");
        }
    }

    private static void picture(Context ctx, DicomNode node) throws IOException {
        Optional<StudyJob> job = job(ctx, node);
        String name = ctx.pathParam("name");
        if (job.isEmpty()) {
            return;
        }
        Path file = node.folders().results(job.get().studyUid(), node.model()).resolve("previews").resolve(name);
        if (!PICTURE.matcher(name).matches() || !Files.isRegularFile(file)) {
            error(ctx, HttpStatus.NOT_FOUND, "no picture '" + name + "' for this study (it has pictures once done)");
            return;
        }
        ctx.contentType("image/png").header("Cache-Control", "private, no-cache").result(Files.readAllBytes(file));
    }

    private static Optional<StudyJob> job(Context ctx, DicomNode node) {
        String uid = ctx.pathParam("uid");
        Optional<StudyJob> job = DicomUid.isValid(uid) ? node.jobs().get(uid) : Optional.empty();
        if (job.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no study " + uid + " for this model");
        }
        return job;
    }

    private static void asset(Context ctx) {
        String name = ctx.pathParam("name");
        switch (name) {
            case "app.js" -> resource(ctx, name, "text/javascript; charset=utf-8");
            case "style.css" -> resource(ctx, name, "text/css; charset=utf-8");
            default -> error(ctx, HttpStatus.NOT_FOUND, "no asset '" + name + "'");
        }
    }

    private static void resource(Context ctx, String name, String type) {
        try (InputStream in = WebServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + name + " missing from the class path: a broken build");
            }
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameter(name + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
    }

    /** A query parameter out of range: answered 400 with the reason. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(JsonNodeFactory.instance.objectNode().put("error", message));
    }
}
