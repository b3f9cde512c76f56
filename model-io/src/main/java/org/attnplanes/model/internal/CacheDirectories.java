package org.attnplanes.model.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules every file in the user cache follows, since the cache holds what is later loaded as code (native
 * libraries) or as a model: folders are created owner-only ({@code 0700}) and an existing folder is tightened to
 * {@code 0700}; a folder owned by another user is not used at all; and nothing inside is reached through a
 * symbolic link ({@link #isPlainFile}, {@link #isPlainDirectory}). The cache root itself may be a link (say,
 * {@code ~/.cache} on another disk); links planted inside are never followed. On file systems without POSIX
 * permissions only the link rules apply.
 */
public final class CacheDirectories {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private CacheDirectories() {
    }

    /**
     * Makes {@code dir} an owner-only folder of this user, creating it (and missing parents) with {@code 0700}.
     * Never throws.
     *
     * @return whether the folder can be trusted: it exists, is a folder, belongs to this user and (where POSIX
     *         permissions exist) is now {@code 0700}
     */
    public static boolean secure(Path dir) {
        try {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (!Files.isDirectory(dir)) {
                return false;
            }
            if (!ownedByMe(dir)) {
                return false;
            }
            if (posix) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
                if (!p.equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(dir, EnumSet.copyOf(OWNER_ONLY));
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean ownedByMe(Path dir) throws IOException {
        UserPrincipal owner = Files.getOwner(dir);
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            return owner.equals(Files.getOwner(self));
        }
        return owner.equals(FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name")));
    }

    /** Whether {@code file} is a regular file that is not a symbolic link. */
    public static boolean isPlainFile(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code dir} is a folder that is not a symbolic link. */
    public static boolean isPlainDirectory(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code path} if it is a symbolic link (the link, never its target); true if one was removed. */
    public static boolean removeLink(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                Files.delete(path);
                return true;
            }
        } catch (IOException e) {
            // an undeletable link stays; callers then refuse to use the path
        }
        return false;
    }
}
