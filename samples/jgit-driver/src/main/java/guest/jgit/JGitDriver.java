package guest.jgit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A small command line over JGit, whose core jar has no main class of its own: in the directory its
 * argument names ({@code repo} by default) it initialises a repository, writes files (one
 * executable, one symbolic link), adds and commits them, shows the status of a change, commits on a
 * branch, checks out back, collects garbage, reopens the repository and prints its log, its
 * branches and the files of each commit. Authors and times are fixed, so the commits' ids are the
 * same on every run and every machine where the file system has executable bits and links.
 */
public final class JGitDriver {

    private static final Instant EPOCH = Instant.parse("2024-01-02T03:04:05Z");

    private JGitDriver() {
    }

    public static void main(String[] args) throws IOException, GitAPIException {
        File dir = new File(args.length > 0 ? args[0] : "repo");
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            System.out.println("init " + dir + " bare=" + repo.isBare() + " filemode="
                    + repo.getConfig().getBoolean("core", "filemode", false) + " symlinks="
                    + repo.getConfig().getBoolean("core", "symlinks", true));

            write(dir, "README.md", "hello\n");
            write(dir, "src/Main.java", "class Main {}\n");
            Path script = write(dir, "run.sh", "#!/bin/sh\necho run\n");
            System.out.println("run.sh executable: " + script.toFile().setExecutable(true));
            Files.createSymbolicLink(dir.toPath().resolve("readme-link"), Path.of("README.md"));
            git.add().addFilepattern(".").call();
            print(repo, "commit", commit(git, "first", 0));

            write(dir, "README.md", "hello, world\n");
            write(dir, "notes.txt", "untracked\n");
            Files.delete(dir.toPath().resolve("src/Main.java"));
            print(git.status().call());
            git.add().addFilepattern(".").call();
            git.add().addFilepattern("src").setUpdate(true).call();
            print(repo, "commit", commit(git, "second", 1));

            git.branchCreate().setName("feature").call();
            git.checkout().setName("feature").call();
            write(dir, "feature.txt", "on a branch\n");
            git.add().addFilepattern("feature.txt").call();
            print(repo, "commit", commit(git, "feature work", 2));
            git.checkout().setName("main").call();
            System.out.println("checked out " + repo.getBranch() + ", feature.txt exists: "
                    + Files.exists(dir.toPath().resolve("feature.txt")));

            Map<String, Object> stats = new TreeMap<>();
            git.gc().call().forEach((k, v) -> stats.put(String.valueOf(k), v));
            System.out.println("gc: " + stats.get("numberOfPackedObjects") + " packed objects, "
                    + stats.get("numberOfLooseObjects") + " loose, " + stats.get("numberOfPackedRefs") + " packed refs");
        }

        try (Git git = Git.open(dir)) {
            for (RevCommit c : git.log().all().call()) {
                print(git.getRepository(), "log", c);
            }
            for (Ref branch : git.branchList().call()) {
                System.out.println("branch " + branch.getName() + " " + branch.getObjectId().name());
            }
            System.out.println("clean: " + git.status().call().isClean());
        }
    }

    private static Path write(File dir, String name, String text) throws IOException {
        Path file = dir.toPath().resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static RevCommit commit(Git git, String message, int hours) throws GitAPIException {
        PersonIdent who = new PersonIdent("Guest", "guest@example.com", EPOCH.plusSeconds(3600L * hours), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    /** The commit's id and message, then each file of its tree with its mode and blob id. */
    private static void print(Repository repo, String what, RevCommit c) throws IOException {
        System.out.println(what + " " + c.name() + " " + c.getShortMessage());
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(c.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                ObjectId blob = walk.getObjectId(0);
                System.out.println("  " + walk.getFileMode(0) + " " + walk.getPathString() + " " + blob.name());
            }
        }
    }

    private static void print(Status status) {
        Map<String, Set<String>> parts = new TreeMap<>();
        parts.put("added", new TreeSet<>(status.getAdded()));
        parts.put("changed", new TreeSet<>(status.getChanged()));
        parts.put("modified", new TreeSet<>(status.getModified()));
        parts.put("missing", new TreeSet<>(status.getMissing()));
        parts.put("untracked", new TreeSet<>(status.getUntracked()));
        System.out.println("status " + parts);
    }
}
