package org.mvdcn.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.mvdcn.MissingFileException;

/**
 * Files named by Hadoop file system URIs (file://, hdfs://, s3a:// with its connector), handed to
 * core's readers as the local files they take: a local file as it is, any other copied to a
 * temporary file for the read and deleted after.
 */
final class HadoopFiles {

    private HadoopFiles() {}

    /** A URI as given, or a plain path made absolute on this machine. */
    static URI uri(String pathOrUri) {
        URI uri = URI.create(pathOrUri.replace(" ", "%20"));
        return uri.getScheme() != null ? uri : Path.of(pathOrUri).toAbsolutePath().normalize().toUri();
    }

    /** How a file is named in messages: a local one by its path, any other by its URI. */
    static String name(URI file) {
        return "file".equals(file.getScheme()) ? Path.of(file).toString() : file.toString();
    }

    /** {@code reader} applied to the file as a local file; a file that is not there is a {@link MissingFileException}. */
    static <T> T read(URI file, Configuration conf, String what, Function<Path, T> reader) {
        try {
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(file);
            FileSystem fs = source.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                Path path = local.pathToFile(source).toPath();
                if (!Files.isRegularFile(path)) {
                    throw new MissingFileException(path, what);
                }
                return reader.apply(path);
            }
            Path copy = Files.createTempFile("mvdcn-", "-" + source.getName());
            try {
                fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(copy.toUri()), true);
                return reader.apply(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (FileNotFoundException e) {
            throw new MissingFileException(Path.of(name(file)), what);
        } catch (IOException e) {
            throw new UncheckedIOException(name(file) + ": " + e.getMessage(), e);
        }
    }

    /** Writes files into a local folder. */
    @FunctionalInterface
    interface FolderWriter<T> {
        T writeInto(Path folder) throws IOException;
    }

    /**
     * {@code writer}'s files in {@code folder}: written there when it is local (each file atomically,
     * as core writes), else written to a local folder first and each copied beside the others under a
     * hidden name, then renamed to its own, so a reader sees a file whole or not at all.
     */
    static <T> T writeInto(URI folder, Configuration conf, FolderWriter<T> writer) {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(folder);
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                return writer.writeInto(local.pathToFile(target).toPath());
            }
            Path staged = Files.createTempDirectory("mvdcn-");
            try {
                T result = writer.writeInto(staged);
                try (var files = Files.list(staged)) {
                    for (Path f : files.toList()) {
                        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(target, "." + f.getFileName() + ".partial");
                        org.apache.hadoop.fs.Path named = new org.apache.hadoop.fs.Path(target, f.getFileName().toString());
                        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()), partial);
                        fs.delete(named, false);
                        if (!fs.rename(partial, named)) {
                            throw new IOException("could not rename " + partial + " to " + named);
                        }
                    }
                }
                return result;
            } finally {
                try (var files = Files.list(staged)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name(folder) + ": " + e.getMessage(), e);
        }
    }
}
