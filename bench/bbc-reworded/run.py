#!/usr/bin/env python3
"""Reworded questions on another corpus: bbc-reworded.tsv (40 answerable questions worded unlike their BBC News
sentences and 10 unanswerable ones naming people and organisations of those articles, written blind by a separate
session from 30 articles; held out: never used to choose a rule) asked through `kazbrief eval`, lexical and hybrid.
The corpus is the 2,225 articles of ../shared/data/news/bbc-news.csv written as files (title, blank line, text).
Usage: bench/bbc-reworded/run.py KAZBRIEF_BINARY [--work DIR]"""
import csv, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def main():
    binary = sys.argv[1]
    work = sys.argv[sys.argv.index('--work') + 1] if '--work' in sys.argv else '/tmp/kb-bbc-reworded'
    source = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'news', 'bbc-news.csv')
    if not os.path.exists(source):
        sys.exit(f'BBC News not found at {source}: this bench needs ../shared/data/news/bbc-news.csv')
    corpus = os.path.join(work, 'bbc')
    os.makedirs(corpus, exist_ok=True)
    for row in csv.DictReader(open(source, encoding='utf-8')):
        path = os.path.join(corpus, row['id'].replace('/', '-') + '.txt')
        if not os.path.exists(path):
            with open(path, 'w', encoding='utf-8') as f:
                f.write(row['title'] + '\n\n' + row['text'] + '\n')
    questions = os.path.join(HERE, 'bbc-reworded.tsv')
    env = dict(os.environ, Semantic__CachePath=os.path.join(work, 'embeddings'))
    for mode in (['--lexical'], []):
        out = subprocess.run([binary, 'eval', questions, '--corpus', corpus] + mode, capture_output=True, text=True, env=env)
        if out.returncode != 0:
            sys.exit(out.stderr[-2000:])
        lines = out.stdout.strip().splitlines()
        cases = [l for l in lines if l[:2] in ('13', '1-', '-3', '--')]
        answerable, unanswerable = cases[:-10], cases[-10:]
        print(f"{'lexical' if mode else 'hybrid'}: {lines[-1]}; answerable top-1 {sum(c.startswith('1') for c in answerable)}/{len(answerable)}, "
              f"top-3 {sum(c[1] == '3' for c in answerable)}/{len(answerable)}; unanswerable refused {sum(c.startswith('1') for c in unanswerable)}/10")

if __name__ == '__main__':
    main()
