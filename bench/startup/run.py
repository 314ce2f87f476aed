#!/usr/bin/env python3
"""Host start to ready, measured from process start: the time until /readyz answers 200 (lexical answers) and until it
reports retrieval "hybrid" (semantic), on the seeds and on the 2,225 BBC articles (one file each), cold and warm vector
cache. Usage: bench/startup/run.py HOST_DLL [--ready-only [RUNS]]   (the built KazBriefBot.Host.dll)
--ready-only stops each run at /readyz 200 (lexical answers) and repeats it RUNS times (default 3), alternating corpora."""
import csv, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]

def bbc_folder(work):
    source = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'news', 'bbc-news.csv')
    if not os.path.exists(source):
        sys.exit(f'BBC News not found at {source}')
    folder = os.path.join(work, 'bbc')
    if not os.path.isdir(folder):
        os.makedirs(folder)
        for row in csv.DictReader(open(source, encoding='utf-8')):
            with open(os.path.join(folder, row['id'].replace('/', '-') + '.txt'), 'w', encoding='utf-8') as f:
                f.write(row['title'] + '\n\n' + row['text'] + '\n')
    return folder

def cpu_seconds(pid):
    """CPU time (user + sys) the process has used so far: less sensitive than wall time to what else runs."""
    try:
        fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except OSError:
        return -1

def measure(dll, corpus, cache, db, ready_only=False):
    port = free_port()
    env = dict(os.environ, Corpus__Path=corpus, Semantic__CachePath=cache, Storage__Path=db, Corpus__Watch='false',
               Urls=f'http://127.0.0.1:{port}', Logging__LogLevel__Default='Warning')
    started = time.monotonic()
    p = subprocess.Popen(['dotnet', dll], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = hybrid = None
    try:
        while time.monotonic() - started < 600:
            try:
                body = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/readyz', timeout=1))
                if ready is None:
                    ready = time.monotonic() - started
                    measure.cpu = cpu_seconds(p.pid)
                if ready_only or body.get('retrieval') == 'hybrid':
                    hybrid = time.monotonic() - started
                    break
            except Exception:
                pass
            time.sleep(0.02)
    finally:
        p.terminate(); p.wait()
    return ready, hybrid

def main():
    dll = sys.argv[1]
    work = tempfile.mkdtemp(prefix='kb-startup-')
    seeds = os.path.join(os.path.dirname(__file__), '..', '..', 'seeds')
    corpora = (('seeds', os.path.abspath(seeds)), ('bbc', bbc_folder(work)))
    if '--ready-only' in sys.argv:
        at = sys.argv.index('--ready-only')
        runs = int(sys.argv[at + 1]) if len(sys.argv) > at + 1 else 3
        for run in range(runs):
            for name, corpus in corpora:
                load = os.getloadavg()[0]
                ready, _ = measure(dll, corpus, os.path.join(work, 'cache-' + name), os.path.join(work, name + '.db'), ready_only=True)
                print(json.dumps({'corpus': name, 'run': run + 1, 'readyLexicalSeconds': round(ready or -1, 2), 'cpuSecondsToReady': round(measure.cpu, 2), 'load': round(load, 2)}), flush=True)
        shutil.rmtree(work, ignore_errors=True)
        return
    for name, corpus in corpora:
        cache = os.path.join(work, 'cache-' + name)
        for run in ('cold cache', 'warm cache'):
            ready, hybrid = measure(dll, corpus, cache, os.path.join(work, name + '.db'))
            print(json.dumps({'corpus': name, 'run': run, 'readyLexicalSeconds': round(ready or -1, 2), 'readyHybridSeconds': round(hybrid or -1, 2), 'load': os.getloadavg()[0]}))
    shutil.rmtree(work, ignore_errors=True)

main()
