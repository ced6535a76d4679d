#include "mainwindow.h"

namespace entente {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
}

} // namespace entente
