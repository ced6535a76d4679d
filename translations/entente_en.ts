<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms of the strings that count ("%n article(s)" -> "1 article", "2 articles"). Written by
     hand; `lrelease` compiles it into the program at build time (translations/CMakeLists.txt). A string with %n
     added to the code goes here too; tst_translations checks that each one has both forms. -->
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>entente::ImportReportModel</name>
    <message numerus="yes">
        <source>Imported %n article(s)</source>
        <translation>
            <numerusform>Imported %n article</numerusform>
            <numerusform>Imported %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n duplicate(s) left out</source>
        <translation>
            <numerusform>, %n duplicate left out</numerusform>
            <numerusform>, %n duplicates left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n file(s) skipped</source>
        <translation>
            <numerusform>, %n file skipped</numerusform>
            <numerusform>, %n files skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n warning</numerusform>
            <numerusform>, %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported:   %n article(s)</source>
        <translation>
            <numerusform>Imported:   %n article</numerusform>
            <numerusform>Imported:   %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped:    %n file(s)</source>
        <translation>
            <numerusform>Skipped:    %n file</numerusform>
            <numerusform>Skipped:    %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::EntityListModel</name>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::NetworkModel</name>
    <message numerus="yes">
        <source>%1: %n mention(s)</source>
        <translation>
            <numerusform>%1: %n mention</numerusform>
            <numerusform>%1: %n mentions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::TimelineModel</name>
    <message numerus="yes">
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1: %n article</numerusform>
            <numerusform>%1: %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::ArticlesPane</name>
    <message numerus="yes">
        <source>%n more only mention it</source>
        <translation>
            <numerusform>%n more only mentions it</numerusform>
            <numerusform>%n more only mention it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::EvidencePane</name>
    <message numerus="yes">
        <source>%1: %n relation(s)</source>
        <translation>
            <numerusform>%1: %n relation</numerusform>
            <numerusform>%1: %n relations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::MainWindow</name>
    <message numerus="yes">
        <source>%n correction(s) added from %1</source>
        <translation>
            <numerusform>%n correction added from %1</numerusform>
            <numerusform>%n corrections added from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::NetworkPane</name>
    <message numerus="yes">
        <source>Relations among the %n most-mentioned countries</source>
        <translation>
            <numerusform>Relations of the most-mentioned country</numerusform>
            <numerusform>Relations among the %n most-mentioned countries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>entente::TimelinePane</name>
    <message numerus="yes">
        <source>%n undated article(s) not shown</source>
        <translation>
            <numerusform>%n undated article not shown</numerusform>
            <numerusform>%n undated articles not shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n undated article(s)</source>
        <translation>
            <numerusform>%n undated article</numerusform>
            <numerusform>%n undated articles</numerusform>
        </translation>
    </message>
</context>
</TS>
