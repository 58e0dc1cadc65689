package org.mvdcn.serve.receive;

import org.mvdcn.serve.CallerText;
import org.mvdcn.serve.audit.AuditLog;

import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mvdcn.BadInputException;

/**
 * The node's C-STORE and C-ECHO service class provider: PixelMed's storage SCP (the worker that
 * its StorageSOPClassSCPDispatcher runs per association) behind an accept loop of our own, which
 * refuses callers not in the allowed AE titles and callers beyond the open-association limit, and
 * cuts off an association silent for longer than the idle limit.
 *
 * <p>Nothing a caller sends becomes a path: each association writes into a folder of its own that
 * the node names ({@code spool/association-<UUID>}), under file names the node makes
 * ({@link NodeMadeFileNames}, given to PixelMed as its stored-file strategy), and the folder is
 * removed with whatever is left in it when the association ends. An object the {@link Sink}
 * refuses is deleted, its reason logged, and the C-STORE fails for the sender.
 */
public final class DicomReceiver implements AutoCloseable {

    /** Takes a received file out of the spool; throwing refuses the object (and fails the C-STORE for the sender). */
    @FunctionalInterface
    public interface Sink {
        void accept(Path file, String callingAe, String peer) throws Exception;
    }

    static final String ASSOCIATION_PREFIX = "association-";
    private static final int MAX_PDU = 1 << 16;
    private static final int SOCKET_BUFFER = 1 << 18;
    /** A-ASSOCIATE-RJ, rejected-transient, service-provider (presentation), local-limit-exceeded (PS3.8 9.3.4). */
    private static final byte[] BUSY = {0x03, 0, 0, 0, 0, 4, 0, 0x02, 0x03, 0x02};

    private final ReplayableSocket.Server server;
    private final String aeTitle;
    private final AssociationGate gate;
    private final ReceiveLimits limits;
    private final Semaphore open;
    private final Path spool;
    private final Sink sink;
    private final Consumer<String> log;
    private final AuditLog audit;
    private final ExecutorService associations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dicom-association");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> connected = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private DicomReceiver(ReplayableSocket.Server server, String aeTitle, AssociationGate gate, ReceiveLimits limits, Path spool,
            Sink sink, Consumer<String> log, AuditLog audit) {
        this.server = server;
        this.aeTitle = aeTitle;
        this.gate = gate;
        this.limits = limits;
        this.open = new Semaphore(limits.associations());
        this.spool = spool;
        this.sink = sink;
        this.log = log;
        this.audit = audit;
        this.acceptor = new Thread(this::acceptLoop, "dicom-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on {@code port} (all interfaces, as DICOM peers expect) as {@code aeTitle}. */
    public static DicomReceiver start(int port, String aeTitle, Set<String> allowedCallers, ReceiveLimits limits, Path spool, Sink sink,
            Consumer<String> log, AuditLog audit) throws IOException {
        Files.createDirectories(spool);
        DicomReceiver receiver = new DicomReceiver(new ReplayableSocket.Server(port), aeTitle, new AssociationGate(allowedCallers),
                limits, spool, sink, log, audit);
        receiver.acceptor.start();
        return receiver;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Associations being served now (each holds one of the limit's places until its outcome is logged). */
    public int openAssociations() {
        return limits.associations() - open.availablePermits();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            ReplayableSocket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                log.accept("DICOM accept failed: " + e.getMessage());
                continue;
            }
            String peer = socket.getInetAddress().getHostAddress();
            if (!open.tryAcquire()) {
                refuseBusy(socket, peer);
                continue;
            }
            associations.execute(() -> {
                try {
                    serve(socket, peer);
                } finally {
                    open.release();
                }
            });
        }
    }

    private void refuseBusy(ReplayableSocket socket, String peer) {
        refused(peer, "?", "association", limits.associations() + " associations are open (the limit)"); // before the caller hears it
        try (socket) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(BUSY);
            out.flush();
        } catch (IOException e) {
            // the caller is gone already: nothing to tell it
        }
    }

    /** One association; its outcome is logged, and its folder removed, before its place in the limit is freed (PixelMed may close the connection first). */
    private void serve(ReplayableSocket socket, String peer) {
        connected.add(socket);
        try (socket) {
            Path folder = null;
            String caller = "?";
            try {
                socket.setSoTimeout(Math.toIntExact(limits.idle().toMillis()));
                AssociationGate.Admitted admitted = gate.admit(socket);
                caller = admitted.callingAe();
                if (admitted.refused()) {
                    refused(peer, caller, "association", "calling AE title not in --allow-ae");
                    return;
                }
                socket.replay(admitted.replay());
                folder = Files.createDirectory(spool.resolve(ASSOCIATION_PREFIX + UUID.randomUUID()));
                new StorageSOPClassSCP(socket, aeTitle, MAX_PDU, SOCKET_BUFFER, SOCKET_BUFFER, folder.toFile(), new NodeMadeFileNames(),
                        handler(folder, peer), null, null, null, null, new StorePresentationContexts()).run();
            } catch (Exception e) {
                if (!socket.timedOut()) {
                    log.accept("association from " + peer + " (calling AE '" + caller + "') failed: " + e.getMessage());
                    audit.record(new AuditLog.Event(caller + "@" + peer, null, null, "association", "failed", e.getMessage()));
                }
            } finally {
                if (socket.timedOut()) {
                    log.accept("cut off the association from " + peer + " (calling AE '" + caller + "'): nothing received for "
                            + limits.idle().toSeconds() + " s");
                    audit.record(new AuditLog.Event(caller + "@" + peer, null, null, "association", "cut off",
                            "nothing received for " + limits.idle().toSeconds() + " s"));
                }
                if (folder != null) {
                    deleteQuietly(folder);
                }
            }
        } catch (IOException closing) {
            // the connection is gone either way
        } finally {
            connected.remove(socket);
        }
    }

    private ReceivedObjectHandler handler(Path folder, String peer) {
        return new ReceivedObjectHandler() {
            @Override
            public void sendReceivedObjectIndication(String fileName, String transferSyntax, String callingAe) throws IOException {
                Path file = Path.of(fileName).toAbsolutePath().normalize();
                if (!file.getParent().equals(folder.toAbsolutePath().normalize())) {
                    // cannot happen with NodeMadeFileNames; checked so that a PixelMed change cannot reopen the hole silently
                    throw new IOException("PixelMed stored an object outside its association's folder: " + file);
                }
                try {
                    sink.accept(file, callingAe, peer);
                } catch (Exception e) {
                    Files.deleteIfExists(file);
                    String reason = e instanceof BadInputException b ? b.problem() : e.getMessage();
                    refused(peer, CallerText.printable(callingAe), "object", reason);
                    throw new IOException(reason, e);
                }
            }
        };
    }

    /** One refusal: a log line with its reason, and the same in the audit trail. */
    private void refused(String peer, String callingAe, String what, String reason) {
        log.accept("refused an " + what + " from " + peer + (callingAe.equals("?") ? "" : " (calling AE '" + callingAe + "')") + ": " + reason);
        audit.record(new AuditLog.Event(callingAe + "@" + peer, null, null, what, "refused", reason));
    }

    private void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.accept("could not remove " + folder + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        associations.shutdown();
        for (Socket s : connected) {
            s.close(); // a thread blocked reading its socket ends now, not at the idle timeout
        }
        try {
            associations.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
