package org.mvdcn.data;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * One image file of an exam view.
 *
 * @param path absolute path of the image
 * @param acquiredAt acquisition time (UTC) if the manifest gives one, else null
 * @param row the manifest row it came from (for messages)
 */
public record ImageRecord(Path path, LocalDateTime acquiredAt, int row) {}
