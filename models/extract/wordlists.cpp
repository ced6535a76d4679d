#include "wordlists.h"

#include <QFile>

namespace entente {

quint64 wordKey(QStringView word)
{
    std::vector<Token> tokens;
    tokenize(word, tokens);
    quint64 key = 0;
    for (const Token &t : tokens)
        key = sequenceKey(key, t.hash);
    return key;
}

WordClasses::WordClasses(const QString &file, const QStringList &names)
{
    m_words.resize(names.size());
    QFile f(QStringLiteral(":/resources/lexicon/") + file);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("WordClasses: cannot read %s", qPrintable(f.fileName()));
        return;
    }
    std::vector<Token> tokens;
    const QString all = QString::fromUtf8(f.readAll());
    for (QStringView line : QStringView(all).split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype tab = line.indexOf(u'\t');
        const qsizetype cls = tab < 0 ? -1 : names.indexOf(line.first(tab).toString());
        if (cls < 0) {
            qWarning("WordClasses: %s: a line of no known class: %s", qPrintable(file), qPrintable(line.toString()));
            continue;
        }
        for (QStringView w : line.sliced(tab + 1).split(u'|', Qt::SkipEmptyParts)) {
            w = w.trimmed();
            if (w.isEmpty())
                continue;
            tokenize(w, tokens);
            quint64 key = 0;
            for (const Token &t : tokens)
                key = sequenceKey(key, t.hash);
            m_classes[key] |= 1u << cls;
            m_longest = std::max(m_longest, int(tokens.size()));
            m_words[cls].append(w.toString().toLower());
        }
    }
}

} // namespace entente
