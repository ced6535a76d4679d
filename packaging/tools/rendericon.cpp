// Renders the app's SVG icon to the PNG sizes of the hicolor theme at build time (no image tool needed on the
// machine; Qt's own SVG renderer draws it as the app does):
//
//   entente_rendericon ICON.svg SIZE OUT.png [SIZE OUT.png ...]
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    // A QGuiApplication for the painter's font and colour set-up; no window is shown, so no display is needed.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4 || args.size() % 2 != 0) {
        std::fprintf(stderr, "usage: entente_rendericon ICON.svg SIZE OUT.png [SIZE OUT.png ...]\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "entente_rendericon: %s is not a valid SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    for (qsizetype i = 2; i + 1 < args.size(); i += 2) {
        const int size = args.at(i).toInt();
        if (size <= 0) {
            std::fprintf(stderr, "entente_rendericon: '%s' is not a size\n", qPrintable(args.at(i)));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        if (!image.save(args.at(i + 1), "PNG")) {
            std::fprintf(stderr, "entente_rendericon: cannot write %s\n", qPrintable(args.at(i + 1)));
            return 1;
        }
    }
    return 0;
}
