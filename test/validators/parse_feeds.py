"""Parses each feed file given on the command line with Universal Feed Parser and prints one JSON report."""
import calendar
import json
import sys

import feedparser


def epoch_ms(parsed):
    """A feedparser time tuple (always UTC) as milliseconds since the epoch, or None."""
    return None if parsed is None else calendar.timegm(parsed) * 1000


def plain(value):
    """FeedParserDict and lists as plain JSON values; anything else as text."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if not key.endswith('_parsed')}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def entry_report(entry):
    return {
        'id': entry.get('id'),
        'guidislink': entry.get('guidislink'),
        'title': entry.get('title'),
        'title_type': entry.get('title_detail', {}).get('type'),
        'link': entry.get('link'),
        'links': plain(entry.get('links', [])),
        'published': entry.get('published'),
        'published_ms': epoch_ms(entry.get('published_parsed')),
        'updated': entry.get('updated'),
        'updated_ms': epoch_ms(entry.get('updated_parsed')),
        'summary': entry.get('summary'),
        'content': plain(entry.get('content', [])),
        'source': plain(entry.get('source')),
        'contributors': plain(entry.get('contributors', [])),
        'author': entry.get('author'),
        'rights': entry.get('rights'),
        'tags': [tag.get('term') for tag in entry.get('tags', [])],
        'language': entry.get('language'),
        'enclosures': plain(entry.get('enclosures', [])),
        'media_content': plain(entry.get('media_content', [])),
        'media_credit': plain(entry.get('media_credit', [])),
        'media_thumbnail': plain(entry.get('media_thumbnail', [])),
        'media_copyright': plain(entry.get('media_copyright')),
    }


def feed_report(path):
    with open(path, 'rb') as handle:
        data = handle.read()
    result = feedparser.parse(data, response_headers={'content-type': sys.argv[1]}, sanitize_html=False)
    feed = result.get('feed', {})
    return {
        'bozo': int(result.get('bozo', 0)),
        'bozo_exception': None if not result.get('bozo') else repr(result.get('bozo_exception')),
        'version': result.get('version'),
        'encoding': result.get('encoding'),
        'namespaces': plain(result.get('namespaces', {})),
        'feed': {
            'id': feed.get('id'),
            'title': feed.get('title'),
            'link': feed.get('link'),
            'links': plain(feed.get('links', [])),
            'subtitle': feed.get('subtitle'),
            'rights': feed.get('rights'),
            'language': feed.get('language'),
            'updated': feed.get('updated'),
            'updated_ms': epoch_ms(feed.get('updated_parsed')),
            'generator': feed.get('generator'),
            'author': feed.get('author'),
            'publisher': feed.get('publisher'),
        },
        'entries': [entry_report(entry) for entry in result.get('entries', [])],
    }


if __name__ == '__main__':
    # argv[1]: the Content-Type the files were served with; argv[2:]: the files.
    print(json.dumps({path: feed_report(path) for path in sys.argv[2:]}, ensure_ascii=False, indent=1))
