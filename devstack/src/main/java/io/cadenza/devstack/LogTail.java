package io.cadenza.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of a log file, to put into error messages when a process fails. */
public final class LogTail {

    /** Never read more than this from the end of a file: a tail is for humans, and logs can be large. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code maxLines} lines of the file, or a note saying why there are none. */
    public static String lastLines(Path file, int maxLines) {
        return lastLines(file, 0, maxLines);
    }

    /**
     * The last {@code maxLines} lines written at or after byte {@code fromOffset}. Services append to their logs
     * across restarts; the offset keeps a failure report to the output of the failed run.
     */
    public static String lastLines(Path file, long fromOffset, int maxLines) {
        if (!Files.exists(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(fromOffset, length - MAX_BYTES);
            if (start >= length) {
                return "(" + file + " has no new output)";
            }
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The current size of a file, 0 when it does not exist yet; the offset to pass to a later tail. */
    public static long currentSize(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
