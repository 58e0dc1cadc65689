package org.mvdcn.serve.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.mvdcn.dicom.DicomUid;
import org.mvdcn.serve.CallerText;
import org.mvdcn.serve.NodeLoop;
import org.mvdcn.serve.NodeView;
import org.mvdcn.serve.audit.AuditLog;
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

    /** What answers a route: the request, the node as the web may see it, and whether the patient may be shown. */
    @FunctionalInterface
    interface RouteHandler {
        void handle(Context ctx, NodeView node, boolean showPatient) throws Exception;
    }

    /** One route with its handler: what {@code openapi.json} documents (the test checks the two agree). */
    public record Route(HandlerType method, String path, boolean open, RouteHandler handler) {}

    private static final String COOKIE = "mvdcn_token";
    /** The request attribute telling the audit trail which credential a request came with (never the token itself). */
    private static final String CREDENTIAL = "mvdcn.credential";
    /** The pages a person opens: the only addresses that may carry the token (once, from the link printed at start). */
    private static final Set<String> PAGES = Set.of("/", "/study");
    private static final String RESOURCES = "/org/mvdcn/serve/web/";
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private static final List<Route> ROUTES = List.of(
            new Route(HandlerType.GET, "/api/health", true, (ctx, node, patient) -> health(ctx, node)),
            new Route(HandlerType.GET, "/api/studies", false, (ctx, node, patient) -> studies(ctx, node)),
            new Route(HandlerType.GET, "/api/studies/{uid}", false, WebServer::study),
            new Route(HandlerType.POST, "/api/studies/{uid}/reprocess", false, (ctx, node, patient) -> reprocess(ctx, node)),
            new Route(HandlerType.GET, "/api/studies/{uid}/images/{name}", false, (ctx, node, patient) -> picture(ctx, node)),
            new Route(HandlerType.GET, "/metrics", false,
                    (ctx, node, patient) -> ctx.contentType(NodeMetrics.contentType()).result(node.prometheusText())),
            new Route(HandlerType.GET, "/openapi.json", false, (ctx, node, patient) -> resource(ctx, "openapi.json", "application/json")),
            new Route(HandlerType.GET, "/", false, (ctx, node, patient) -> resource(ctx, "worklist.html", "text/html; charset=utf-8")),
            new Route(HandlerType.GET, "/study", false, (ctx, node, patient) -> resource(ctx, "study.html", "text/html; charset=utf-8")),
            new Route(HandlerType.GET, "/assets/{name}", false, (ctx, node, patient) -> asset(ctx)));

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** The routes, in the order they are matched. */
    public static List<Route> routes() {
        return ROUTES;
    }

    public static WebServer start(NodeView node, WebConfig config, Consumer<String> log) throws IOException {
        AuditLog audit = node.audit();
        AccessToken token = AccessToken.load(config.tokenFile(), log);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.bind();
            cfg.jetty.port = config.port();
            cfg.routes.before(ctx -> authorise(ctx, token, log));
            // every answer, refused or served, in the audit trail: who (address, which credential), what, and the status
            cfg.requestLogger.http((ctx, ms) -> audit.record(new AuditLog.Event(ctx.ip(), credential(ctx), studyOf(ctx),
                    ctx.method().name() + " " + ctx.path(), String.valueOf(ctx.statusCode()), null)));
            for (Route r : ROUTES) {
                cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> r.handler().handle(ctx, node, config.showPatient()));
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
            ctx.attribute(CREDENTIAL, "none needed");
            return;
        }
        String query = ctx.queryParam("token");
        if (query != null && !(PAGES.contains(ctx.path()) && ctx.method() == HandlerType.GET)) {
            // an address is kept in proxies' logs and the browser's history: only a page's link may carry the token, once
            ctx.attribute(CREDENTIAL, "token in the address");
            refuse(ctx, log, "an access token in the address: send it as 'Authorization: Bearer TOKEN'");
            return;
        }
        if (token.matches(query)) {
            ctx.attribute(CREDENTIAL, "link " + token.id());
            // a browser opening the link printed at start: keep the token in a cookie, drop it from the address bar
            ctx.header("Set-Cookie", COOKIE + "=" + token.value() + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        String header = ctx.header("Authorization");
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        if (token.matches(bearer) || token.matches(ctx.cookie(COOKIE))) {
            ctx.attribute(CREDENTIAL, (token.matches(bearer) ? "bearer " : "cookie ") + token.id());
            return;
        }
        boolean missing = bearer == null && ctx.cookie(COOKIE) == null && query == null;
        ctx.attribute(CREDENTIAL, missing ? "missing" : "wrong");
        refuse(ctx, log, (missing ? "missing" : "wrong")
                + " access token: send 'Authorization: Bearer TOKEN' (the token is in the node's --token-file), "
                + "or open the page once as /?token=TOKEN");
    }

    private static void refuse(Context ctx, Consumer<String> log, String reason) {
        log.accept("web: refused " + ctx.method() + " " + CallerText.printable(ctx.path()) + " from " + ctx.ip() + ": " + reason);
        ctx.header("WWW-Authenticate", "Bearer realm=\"mvdcn\"");
        error(ctx, HttpStatus.UNAUTHORIZED, reason);
        ctx.skipRemainingHandlers();
    }

    private static String credential(Context ctx) {
        String c = ctx.attribute(CREDENTIAL);
        return c != null ? c : "none";
    }

    /** The study a request names (a path parameter, or the study page's query), as sent. */
    private static String studyOf(Context ctx) {
        String uid = ctx.pathParamMap().get("uid");
        return uid != null ? uid : ctx.path().equals("/study") ? ctx.queryParam("uid") : null;
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

    private static void health(Context ctx, NodeView node) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("status", "ok").put("model", node.model());
        o.put("queued", node.count(StudyState.QUEUED));
        o.put("running", node.count(StudyState.RUNNING));
        ObjectNode passes = o.putObject("passes");
        for (NodeLoop loop : NodeLoop.values()) {
            passes.put(loop.label(), node.passes(loop));
        }
        ctx.json(o);
    }

    private static void studies(Context ctx, NodeView node) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("offset", offset).put("limit", limit);
        ArrayNode list = o.putArray("studies");
        for (StudyJob job : node.studies(offset, limit)) {
            list.add(StudyJson.summary(job));
        }
        ctx.json(o);
    }

    private static void study(Context ctx, NodeView node, boolean showPatient) {
        Optional<StudyJob> job = job(ctx, node);
        job.ifPresent(j -> ctx.json(StudyJson.detail(j, node.results(j.studyUid()), node.studyFolder(j.studyUid()), showPatient)));
    }

    private static void reprocess(Context ctx, NodeView node) {
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

    private static void picture(Context ctx, NodeView node) throws IOException {
        Optional<StudyJob> job = job(ctx, node);
        String name = ctx.pathParam("name");
        if (job.isEmpty()) {
            return;
        }
        Path file = node.results(job.get().studyUid()).picture(name);
        if (file == null || !Files.isRegularFile(file)) {
            error(ctx, HttpStatus.NOT_FOUND, "no picture '" + name + "' for this study (it has pictures once done)");
            return;
        }
        ctx.contentType("image/png").header("Cache-Control", "private, no-cache").result(Files.readAllBytes(file));
    }

    private static Optional<StudyJob> job(Context ctx, NodeView node) {
        String uid = ctx.pathParam("uid");
        Optional<StudyJob> job = DicomUid.isValid(uid) ? node.study(uid) : Optional.empty();
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
