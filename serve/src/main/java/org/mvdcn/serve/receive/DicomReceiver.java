package org.mvdcn.serve.receive;

import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's C-STORE and C-ECHO service class provider: PixelMed's storage SCP (the worker that
 * its StorageSOPClassSCPDispatcher runs per association) behind an accept loop of our own, which
 * refuses callers not in the allowed AE titles. Accepts every storage SOP class in uncompressed,
 * JPEG lossless and JPEG 2000 transfer syntaxes. Each received object is written by PixelMed into
 * the spool folder and then handed to the {@link Sink}.
 */
public final class DicomReceiver implements AutoCloseable {

    /** Takes a received file out of the spool; throwing makes the C-STORE fail for the sender. */
    @FunctionalInterface
    public interface Sink {
        void accept(Path file, String callingAe) throws Exception;
    }

    private static final int MAX_PDU = 1 << 16;
    private static final int SOCKET_BUFFER = 1 << 18;

    private final ReplayableSocket.Server server;
    private final ExecutorService associations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dicom-association");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;

    private DicomReceiver(ReplayableSocket.Server server, String aeTitle, AssociationGate gate, Path spool, Sink sink,
            Consumer<String> log) {
        this.server = server;
        ReceivedObjectHandler handler = new ReceivedObjectHandler() {
            @Override
            public void sendReceivedObjectIndication(String fileName, String transferSyntax, String callingAe) throws IOException {
                try {
                    sink.accept(Path.of(fileName), callingAe);
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
        this.acceptor = new Thread(() -> acceptLoop(aeTitle, gate, spool, handler, log), "dicom-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on {@code port} (all interfaces, as DICOM peers expect) as {@code aeTitle}. */
    public static DicomReceiver start(int port, String aeTitle, Set<String> allowedCallers, Path spool, Sink sink,
            Consumer<String> log) throws IOException {
        Files.createDirectories(spool);
        DicomReceiver receiver = new DicomReceiver(new ReplayableSocket.Server(port), aeTitle, new AssociationGate(allowedCallers),
                spool, sink, log);
        receiver.acceptor.start();
        return receiver;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(String aeTitle, AssociationGate gate, Path spool, ReceivedObjectHandler handler, Consumer<String> log) {
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
            associations.execute(() -> serve(socket, aeTitle, gate, spool, handler, log));
        }
    }

    private static void serve(ReplayableSocket socket, String aeTitle, AssociationGate gate, Path spool, ReceivedObjectHandler handler,
            Consumer<String> log) {
        String peer = socket.getInetAddress().getHostAddress();
        try (socket) {
            AssociationGate.Admitted admitted = gate.admit(socket);
            if (admitted == null) {
                log.accept("refused an association from " + peer + ": calling AE title not in --allow-ae");
                return;
            }
            socket.replay(admitted.replay());
            new StorageSOPClassSCP(socket, aeTitle, MAX_PDU, SOCKET_BUFFER, SOCKET_BUFFER, spool.toFile(),
                    StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, handler, null, null, null, null,
                    new AnyExplicitStorePresentationContextSelectionPolicy()).run();
        } catch (Exception e) {
            log.accept("association from " + peer + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        associations.shutdown();
        try {
            associations.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
