#!/usr/bin/env python3
"""Host start to ready, measured from process start: the time until /readyz answers 200 (lexical answers) and until it
reports retrieval "hybrid" (semantic), on the seeds and on the 2,225 BBC articles (one file each), cold and warm vector
cache. Usage: bench/startup/run.py HOST_DLL   (the built KazBriefBot.Host.dll)"""
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

def measure(dll, corpus, cache, db):
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
                ready = ready or time.monotonic() - started
                if body.get('retrieval') == 'hybrid':
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
    for name, corpus in (('seeds', os.path.abspath(seeds)), ('bbc', bbc_folder(work))):
        cache = os.path.join(work, 'cache-' + name)
        for run in ('cold cache', 'warm cache'):
            ready, hybrid = measure(dll, corpus, cache, os.path.join(work, name + '.db'))
            print(json.dumps({'corpus': name, 'run': run, 'readyLexicalSeconds': round(ready or -1, 2), 'readyHybridSeconds': round(hybrid or -1, 2), 'load': os.getloadavg()[0]}))
    shutil.rmtree(work, ignore_errors=True)

main()
