import SodiemCLI

// Everything happens in SodiemCLI; this file only hands over the process.
SodiemCommandLine.main()
