package dev.ism.function.sam.fakecrac;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the CRaC implementation the Lambda Java runtime provides to SnapStart functions. The
 * {@code org.crac} library in the function's package delegates to the implementation named by the system
 * property {@code org.crac.Core.Compat} (package prefix of {@code Core}, {@code Context}, {@code Resource},
 * {@code CheckpointException}, {@code RestoreException}); LambdaStartIT sets it to this package, so that
 * {@code Core.getGlobalContext().register(...)} in the function reaches this global context, and
 * {@link #checkpointRestore()} does what the runtime does around a snapshot: every resource's
 * {@code beforeCheckpoint} in reverse order of registration, then {@code afterRestore} in order.
 */
public final class Core {

    private static final Global GLOBAL = new Global();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(null);
        } catch (Exception e) {
            CheckpointException c = new CheckpointException();
            c.initCause(e);
            throw c;
        }
        try {
            GLOBAL.afterRestore(null);
        } catch (Exception e) {
            RestoreException r = new RestoreException();
            r.initCause(e);
            throw r;
        }
    }

    /** How many resources were registered. */
    public static int registered() {
        return GLOBAL.resources.size();
    }

    private static final class Global extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).beforeCheckpoint(this);
            }
        }

        @Override
        public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
            for (Resource r : resources) {
                r.afterRestore(this);
            }
        }
    }
}
