package nl.meedoen.draw;

import com.google.ortools.Loader;

/** Loads the OR-Tools natives once (they ship inside the ortools jars; extraction takes a few hundred ms). */
final class Solvers {
    private static volatile boolean loaded;

    private Solvers() {}

    static void load() {
        if (!loaded) {
            synchronized (Solvers.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }
}
