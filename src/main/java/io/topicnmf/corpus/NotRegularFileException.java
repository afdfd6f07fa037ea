package io.topicnmf.corpus;

import java.nio.file.FileSystemException;

/**
 * The path to read is neither a folder nor a regular file (a FIFO, a device, a socket): it is
 * never opened, since a FIFO blocks until a writer comes and a device like /dev/zero never ends.
 */
public final class NotRegularFileException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  public NotRegularFileException(String file) {
    super(file, null, "not a regular file or folder (a FIFO, device or socket is never read);"
        + " name a folder of documents or one document");
  }
}
