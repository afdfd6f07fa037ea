package io.topicnmf.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An output folder ({@code -o}) whose files of one run are published together.
 *
 * <p>Protocol: {@link #open} creates the folder if needed, takes {@code DIR/.topicnmf.lock}
 * ({@link FileChannel#tryLock}; a second run on the same folder is refused with {@link
 * FolderInUseException}), finishes or removes what an interrupted earlier run left ({@link
 * #recover}), and makes the staging folder {@code DIR/.topicnmf-tmp-RUNID/}. Every output is
 * {@linkplain #claim claimed} before any reading starts (two outputs of the run on one path are
 * refused there) and written to its staging path. {@link #publish} then forces the staging
 * folder, writes the journal {@code .publish} (the claimed names in claim order, and the stale
 * names to remove) — the commit point — and renames each file into place in that order, the
 * caller's last claim ({@code model.json} for {@code fit}) last; the journal goes last of all. A
 * crash before the journal leaves the old outputs untouched; a crash after it leaves a journal
 * that the next run on the folder (or {@link #recover}) completes before it does anything else.
 * {@link #close} removes an unpublished staging folder and releases the lock.
 *
 * <p>The staging folder lies inside {@code DIR}, not beside it: a rename is atomic only within one
 * file system, {@code DIR} may be a mount point, and its parent may not be writable ({@code -o
 * /tmp}); names starting with '.' are never read as documents. The lock file is never deleted
 * (deleting a lock file lets two runs hold two different files' locks).
 */
public final class OutputFolder implements Closeable {
  /** The lock file's name inside the folder. */
  public static final String LOCK = ".topicnmf.lock";
  /** The prefix of staging folders' names inside the folder. */
  public static final String STAGING_PREFIX = ".topicnmf-tmp-";
  private static final String JOURNAL = ".publish";
  private static final String REMOVE = "-";

  private final Path dir;
  private final String runId;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path staging;
  private final Map<String, String> claims = new LinkedHashMap<>(); // relative name → what claimed it
  private final List<String> stale = new ArrayList<>();
  private boolean published;

  private OutputFolder(Path dir, String runId, FileChannel lockChannel, FileLock lock, Path staging) {
    this.dir = dir;
    this.runId = runId;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.staging = staging;
  }

  /** Another run holds the folder's lock. */
  public static final class FolderInUseException extends IOException {
    private final Path folder;

    FolderInUseException(Path folder) {
      super(folder + " is in use by another topicnmf run (" + folder.resolve(LOCK) + " is locked)");
      this.folder = folder;
    }

    /** The output folder. */
    public Path folder() {
      return folder;
    }
  }

  /** Two outputs of one run were given the same path. */
  public static final class CollisionException extends IOException {
    CollisionException(String message) {
      super(message);
    }
  }

  /**
   * A new run id: the UTC time to the second and 32 random bits, e.g. {@code
   * 20261204T184712Z-1a2b3c4d}. Not derived from the seed: it names a run, it is no result.
   */
  public static String newRunId() {
    String time = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT));
    return time + "-" + String.format(Locale.ROOT, "%08x", new SecureRandom().nextInt());
  }

  /**
   * Opens {@code dir} for the outputs of run {@code runId}: creates it (and its parents) if
   * needed, takes its lock, completes or removes what an interrupted run left, and makes the
   * staging folder.
   *
   * @throws NotDirectoryException if {@code dir} (or a parent) is a file
   * @throws FolderInUseException if another run holds the lock
   * @throws IOException if the folder cannot be created or written (e.g. {@link
   *     java.nio.file.AccessDeniedException})
   */
  public static OutputFolder open(Path dir, String runId) throws IOException {
    Objects.requireNonNull(runId, "runId");
    Path abs = dir.toAbsolutePath().normalize();
    for (Path a = abs; a != null; a = a.getParent()) {
      if (Files.exists(a)) {
        if (!Files.isDirectory(a)) throw new NotDirectoryException(a.toString());
        break;
      }
    }
    try {
      Files.createDirectories(abs);
    } catch (FileAlreadyExistsException e) {
      throw new NotDirectoryException(e.getFile() != null ? e.getFile() : abs.toString());
    }
    FileChannel ch = FileChannel.open(abs.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very JVM (another run in the same process)
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new FolderInUseException(abs);
    }
    try {
      recoverLocked(abs);
      Path staging = abs.resolve(STAGING_PREFIX + runId);
      Files.createDirectory(staging);
      return new OutputFolder(abs, runId, ch, lock, staging);
    } catch (IOException | RuntimeException e) {
      lock.release();
      ch.close();
      throw e;
    }
  }

  /** The folder (absolute, normalized). */
  public Path dir() {
    return dir;
  }

  /** This run's id. */
  public String runId() {
    return runId;
  }

  /** True if {@code p} is the folder or lies under it. */
  public boolean contains(Path p) {
    return p.toAbsolutePath().normalize().startsWith(dir);
  }

  /**
   * Reserves {@code target} (inside the folder) for an output named {@code what} (a flag or a file
   * name, for the message) and returns the path to write it to, in the staging folder.
   *
   * @throws CollisionException if another output of this run already claimed the same path
   * @throws IllegalArgumentException if {@code target} is not under the folder
   */
  public Path claim(Path target, String what) throws CollisionException {
    String rel = relative(target);
    String earlier = claims.get(rel);
    if (earlier != null) {
      throw new CollisionException(earlier + " and " + what + " would both write " + dir.resolve(rel)
          + ": two outputs of one run may not share a file; choose another path");
    }
    for (String other : claims.keySet()) {
      if (other.startsWith(rel + "/") || rel.startsWith(other + "/")) {
        throw new CollisionException(what + " " + dir.resolve(rel) + " and " + claims.get(other) + " "
            + dir.resolve(other) + " would be a file and a folder at once");
      }
    }
    claims.put(rel, what);
    return staging.resolve(rel);
  }

  /**
   * A folder for a run's temporary files (spilled rows) inside the staging folder, so they are on
   * the output's file system, never published, and removed with the staging folder; not created.
   */
  public Path scratch() {
    return staging.resolve("scratch");
  }

  /** Where {@code target}, claimed before, is written. */
  public Path stagingPath(Path target) {
    return staging.resolve(relative(target));
  }

  /** Removes {@code name} (an output an earlier run wrote and this one does not) when publishing. */
  public void removeWhenPublishing(String name) {
    if (!claims.containsKey(name)) stale.add(name);
  }

  /** Bytes free for this folder's file system. */
  public long usableSpace() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  private String relative(Path target) {
    Path t = target.toAbsolutePath().normalize();
    if (!t.startsWith(dir) || t.equals(dir)) {
      throw new IllegalArgumentException(target + " is not inside " + dir);
    }
    return dir.relativize(t).toString().replace('\\', '/');
  }

  /**
   * Publishes every claimed file that was written: the journal first (the commit point), then the
   * renames in claim order, then the stale names removed, then the journal removed.
   *
   * @throws NoSuchFileException if a claimed file was not written
   */
  public void publish() throws IOException {
    if (published) throw new IllegalStateException("already published");
    List<String> lines = new ArrayList<>();
    for (String rel : claims.keySet()) {
      Path p = staging.resolve(rel);
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(p.toString(), null, "claimed output " + claims.get(rel) + " was not written");
      }
      lines.add(rel);
    }
    for (String s : stale) lines.add(REMOVE + s);
    forceTree(staging);
    AtomicFiles.writeText(staging.resolve(JOURNAL), w -> {
      for (String l : lines) w.write(l + "\n");
    });
    forceDir(staging);
    published = true;
    rollForward(dir, staging);
  }

  /** Removes an unpublished staging folder and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (!published) deleteTree(staging);
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  /**
   * Completes or removes what interrupted runs left in {@code dir}: a staging folder with a
   * journal is published, one without is deleted. Takes the folder's lock for the time it works.
   *
   * @return true if anything was found
   * @throws FolderInUseException if a run holds the lock
   */
  public static boolean recover(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) return false;
    try (FileChannel ch = FileChannel.open(abs.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) throw new FolderInUseException(abs);
      try {
        return recoverLocked(abs);
      } finally {
        lock.release();
      }
    }
  }

  /** True if {@code dir} holds a journal of a publish that has not finished (a crash during it). */
  public static boolean publishPending(Path dir) throws IOException {
    for (Path s : stagingFolders(dir.toAbsolutePath().normalize())) {
      if (Files.exists(s.resolve(JOURNAL))) return true;
    }
    return false;
  }

  private static boolean recoverLocked(Path dir) throws IOException {
    List<Path> found = stagingFolders(dir);
    // The journals first, oldest run first: a newer run cannot have published before an older one's
    // journal was finished (the lock), so at most one is pending.
    for (Path s : found) {
      if (Files.exists(s.resolve(JOURNAL))) rollForward(dir, s);
      else deleteTree(s);
    }
    return !found.isEmpty();
  }

  private static List<Path> stagingFolders(Path dir) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) return found;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
      for (Path p : ds) if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) found.add(p);
    }
    found.sort(Comparator.comparing(Path::toString));
    return found;
  }

  /** Renames what the journal lists into place (those not moved yet), then removes the staging folder. */
  private static void rollForward(Path dir, Path staging) throws IOException {
    List<String> lines = Files.readAllLines(staging.resolve(JOURNAL), StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.isEmpty()) continue;
      if (line.startsWith(REMOVE)) {
        Files.deleteIfExists(dir.resolve(line.substring(REMOVE.length())));
        continue;
      }
      Path from = staging.resolve(line);
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) continue; // moved before a crash
      Path to = dir.resolve(line);
      Files.createDirectories(to.getParent());
      PublishFaults.beforeRename(line);
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    forceDir(dir);
    Files.delete(staging.resolve(JOURNAL));
    deleteTree(staging);
  }

  private static void forceTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) forceDir(p);
      }
    }
  }

  /** Forces a folder's entries (the renames into it) to disk where the platform allows. */
  private static void forceDir(Path d) {
    try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens folders (Windows); the renames are then as durable as it makes them.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) Files.deleteIfExists(p);
    }
  }
}
