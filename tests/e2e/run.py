"""Run the end-to-end tests: every test_* function in tests/e2e/test_*.py
gets its own freshly started Heard (real nginx, real heard-fcgi, real
SQLite file).  Usage: run.py [--bindir build/asan] [--label NAME] [FILTER]
"""
import importlib.util
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Heard  # noqa: E402


def main():
    args = sys.argv[1:]
    bindir, label, filt = "build", "e2e", None
    while args:
        a = args.pop(0)
        if a == "--bindir":
            bindir = args.pop(0)
        elif a == "--label":
            label = args.pop(0)
        else:
            filt = a
    here = os.path.dirname(os.path.abspath(__file__))
    passed = failed = 0
    for fn in sorted(os.listdir(here)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(here, fn))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name in sorted(n for n in dir(mod) if n.startswith("test_")):
            full = f"{fn[:-3]}.{name}"
            if filt and filt not in full:
                continue
            if getattr(getattr(mod, name), "release_only", False) and "asan" in bindir:
                print(f"skip {full} (release build only)", flush=True)
                continue
            t0 = time.time()
            h = None
            try:
                h = Heard(bindir, **getattr(getattr(mod, name), "heard_args", {}))
                h.start()
                getattr(mod, name)(h)
                h.stop()
                h = None
                passed += 1
                print(f"ok   {full} ({time.time() - t0:.1f}s)", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {full}", flush=True)
                traceback.print_exc()
                if h is not None:
                    print("--- heard-fcgi log (last lines) ---")
                    print(h.log()[-3000:])
                    try:
                        h.stop()
                    except Exception:
                        pass
    print(f"{label}: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
